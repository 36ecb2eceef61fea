package fr.vitrine.check;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a link's target is: a file, a folder's page, nothing, or a way out of the site through a symbolic link. */
class LinkCheckTest {

    @TempDir
    Path tmp;

    @Test
    void eachTargetIsJudgedByWhatItLeadsTo() throws IOException {
        Path site = Files.createDirectories(tmp.resolve("site"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.writeString(site.resolve("data.csv"), "a,b\n");
        Files.createDirectories(site.resolve("folder"));
        Files.writeString(site.resolve("folder/index.html"), "<p id=\"here\">page</p>");
        Files.createDirectories(site.resolve("empty"));
        Files.createDirectories(site.resolve("nested/deeper"));
        Files.writeString(site.resolve("nested/deeper/file.json"), "{}");
        Files.createSymbolicLink(site.resolve("out.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(site.resolve("outdir"), outside);
        Files.createSymbolicLink(site.resolve("gone.txt"), tmp.resolve("nothing"));
        Files.createSymbolicLink(site.resolve("alias.csv"), site.resolve("data.csv"));
        Files.createSymbolicLink(site.resolve("nested/deeper/away"), outside);
        Files.createSymbolicLink(site.resolve("nested/within"), site.resolve("folder"));
        String links = List.of("data.csv", "folder/", "folder/#here", "folder/#nowhere", "empty/",
                        "nested/deeper/file.json", "nested/deeper/none.json", "nested/deeper/away/secret.txt",
                        "nested/within/", "out.txt", "outdir/secret.txt", "gone.txt", "alias.csv",
                        "../outside/secret.txt")
                .stream().map(l -> "<a href=\"" + l + "\">lien</a>").collect(Collectors.joining());
        Files.writeString(site.resolve("index.html"), "<!DOCTYPE html><html lang=\"fr\"><title>t</title>" + links + "</html>");

        Map<String, String> reasons = LinkCheck.run(site).broken().stream()
                .filter(b -> b.page().equals("index.html"))
                .collect(Collectors.toMap(LinkCheck.Broken::link, LinkCheck.Broken::reason));

        assertEquals(Map.of(
                "folder/#nowhere", "no element with id 'nowhere' in folder/index.html",
                "empty/", "no such file empty/index.html",
                "nested/deeper/none.json", "no such file nested/deeper/none.json",
                "nested/deeper/away/secret.txt", "points outside the site through a symbolic link",
                "out.txt", "points outside the site through a symbolic link",
                "outdir/secret.txt", "points outside the site through a symbolic link",
                "gone.txt", "no such file gone.txt",
                "../outside/secret.txt", "points outside the site"), reasons);
    }

    /** Links are parsed once for the whole site: each page that has a bad or outside address is still named. */
    @Test
    void aLinkSharedByPagesIsJudgedOnEachPage() throws IOException {
        Path site = Files.createDirectories(tmp.resolve("site"));
        String links = "<a href=\"https://exemple.fr/\">a</a><a href=\"a b\">b</a><a href=\"../gone/\">c</a>";
        for (String page : List.of("index.html", "un/index.html", "deux/index.html")) {
            Files.createDirectories(site.resolve(page).getParent());
            Files.writeString(site.resolve(page), "<!DOCTYPE html><html lang=\"fr\"><title>t</title>" + links + "</html>");
        }

        LinkCheck.Report report = LinkCheck.run(site);

        assertEquals(List.of("deux/index.html: ../gone/", "deux/index.html: a b", "index.html: ../gone/",
                        "index.html: a b", "un/index.html: ../gone/", "un/index.html: a b"),
                report.broken().stream().map(b -> b.page() + ": " + b.link()).sorted().toList());
        assertEquals(java.util.Set.of("index.html", "un/index.html", "deux/index.html"),
                report.external().get("https://exemple.fr/"));
    }
}
