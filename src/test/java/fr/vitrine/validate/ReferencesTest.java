package fr.vitrine.validate;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@link References}: the messages every record type gives for a reference, with the repository's ids. */
class ReferencesTest {

    private static final Set<String> ORGANISATIONS = Set.of("services-premier-ministre", "dinum", "cerema", "mtes",
            "dgpr", "ministere-solidarites-sante", "dgs");

    @Test
    void anUnknownIdNamesTheNearestOrSaysWhatToDo() {
        assertEquals("unknown organisation 'cerma'; did you mean 'cerema'?",
                References.unknownRef("organisation", "cerma", ORGANISATIONS, "add it to data/organisations.yml"));
        assertEquals("unknown organisation 'ministere-des-armees'; add it to data/organisations.yml",
                References.unknownRef("organisation", "ministere-des-armees", ORGANISATIONS, "add it to data/organisations.yml"));
    }

    @Test
    void betaGouvWritesOrganisationsAsAddresses() {
        assertEquals("cerema", References.orgRef(" /organisations/cerema "));
        assertEquals("cerema", References.orgRef("cerema"));
        assertNull(References.orgRef(null));
    }
}
