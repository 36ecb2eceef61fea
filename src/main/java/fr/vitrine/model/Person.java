package fr.vitrine.model;

/** Someone who represents or signs for a party: "Stéphanie Schaer, directrice interministérielle du numérique". */
public record Person(String name, String title) {

    @Override
    public String toString() {
        return title == null ? name : name + ", " + title;
    }
}
