package fr.vitrine.model;

import java.nio.file.Path;
import java.util.List;

/**
 * A beta.gouv.fr incubator, as its file in {@code _incubators/} describes it; products name it by {@code id} (their
 * {@code incubator} field), pages show its {@code name}, never the id.
 *
 * @param owner       id of the organisation that runs it, or {@code null}
 * @param highlighted ids of the products it puts forward, in its order
 */
public record Incubator(String id, String name, String owner, String address, String website, String description,
                        List<String> highlighted, Path file) {

    /** The incubator's page: "/incubateurs/" and its id's {@linkplain Text#address address}. */
    public String path() {
        return "/incubateurs/" + Text.address(id) + "/";
    }
}
