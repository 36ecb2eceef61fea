package fr.vitrine.read;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Text;
import fr.vitrine.testing.TestProject;
import fr.vitrine.testing.Trees;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, point by point, on small files in the shape of beta.gouv.fr's (written here, not copied from it): a
 * checkout with {@code _startups/}, {@code _organisations/}, {@code _phases/} and an image, read beside the bundled
 * project. One build, then one test per point; and issue 12's control characters.
 */
class BetaGouvCorpusTest {

    @TempDir
    static Path tmp;
    static TestProject project;
    static TestProject.Run built;
    static Path site;

    static final String LONG_ORG = "direction-" + "tres-longue-".repeat(8) + "fin";
    static final String ACCENT_ORG = "régie-é";
    static final String ACCENT_PRODUCT = "produit-é";

    @BeforeAll
    static void buildTheCheckout() throws IOException {
        project = TestProject.copyOfRepository(tmp).theme("neutral");
        Path checkout = tmp.resolve("beta.gouv.fr");
        Path content = checkout.resolve("content");
        write(content.resolve("_phases/acceleration.md"), "---\nstatus: acceleration\nlabel: Accélération du service\norder: 4\n---\n");
        write(content.resolve("_phases/hibernation.md"), "---\nstatus: hibernation\nlabel: En sommeil\norder: 9\n---\n");
        // data/organisations.yml defines dinum too: type disagrees, domaine_ministeriel only here.
        write(content.resolve("_organisations/dinum.md"), "---\nname: Direction interministérielle du numérique\n"
                + "acronym: DINUM\ntype: operateur\ndomaine_ministeriel: numerique\n---\n");
        write(content.resolve("_organisations/" + ACCENT_ORG + ".md"), "---\nname: Régie des essais\ntype: autre\n---\n");
        write(content.resolve("_organisations/" + LONG_ORG + ".md"), "---\nname: Direction au nom très long\n---\n");
        write(content.resolve("_organisations/orga-sans-nom.md"), "---\nacronym: OSN\n---\n");
        write(content.resolve("_startups/produit-a.md"), "---\n"
                + "title: Produit A\n"
                + "mission: Essayer chaque forme des fiches\n"
                + "link: https:&#x2F;&#x2F;example.org&#x2F;a\n"
                + "sponsors:\n  - /organisations/dinum\n  - /organisations/" + ACCENT_ORG + "\n  - /organisations/" + LONG_ORG + "\n"
                + "phases:\n"
                + "  - name: investigation\n    start: 2019-01-07\n    end: 2019-04-30\n"
                + "  - name: transfer\n    start: 2019-05-01\n    end: 2019-12-31\n"
                + "  - name: acceleration\n    start: 2020-01-01\n    end: 2020-12-31\n"
                + "  - name: hibernation\n    start: 2021-01-01\n    end: 2021-06-30\n"
                + "  - name: abandon-investigation\n    start: 2021-07-01\n"
                + "events:\n"
                + "  - name: committee\n    date: 2019-04-15\n"
                + "  - name: product_launch\n    date: 2020-03-02\n"
                + "  - name: national_impact\n    date: 2020-09-01\n    comment: Déployé partout\n"
                + "fast:\n  montant: 45000\n  promotion: 11\n"
                + "---\n"
                + "## Présentation du produit\n\n"
                + "V\uFEFFolume et co\u200Bût. L'équipe 👩\u200D💻 avance.\n\n"
                + "![Schéma](/img/produit-a/schema.png) ![Absente](/img/absente.png) ![Ailleurs](https://images.example.org/x.png)\n\n"
                + "Voir [le produit B](produit-b), [la DINUM](/organisations/dinum), [la démarche](/approche), "
                + "[plus bas](#présentation-du-produit) et [nulle part](#ancre-absente).\n\n"
                + "<abbr title=\"Direction interministérielle du numérique\">DINUM</abbr> et "
                + "<a href=\"https://example.org/doc\" target=\"_blank\">la documentation</a>.\n\n"
                + "<script>alert('a')</script>\n\n<iframe src=\"https://video.example.org/\"></iframe>\n\n"
                + "<p onclick=\"alert('b')\">Paragraphe cliquable</p>\n\n<a href=\"javascript:alert('c')\">script</a>\n");
        write(content.resolve("_startups/produit-b.md"), "---\ntitle: Produit B\nsponsors:\n  - /organisations/orga-sans-nom\n"
                + "phases:\n  - name: construction\n    start: 2022-01-03\n---\nRetour vers [A](/startups/produit-a).\n");
        write(content.resolve("_startups/" + ACCENT_PRODUCT + ".md"), "---\ntitle: Produit accentué\n"
                + "sponsors:\n  - /organisations/" + ACCENT_ORG + "\n---\nUn produit dont le nom de fichier a un accent.\n");
        Files.createDirectories(checkout.resolve("public/img/produit-a"));
        Files.write(checkout.resolve("public/img/produit-a/schema.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        project.write("jbake.properties", project.read("jbake.properties")
                + "\nvitrine.betagouv.startups=../beta.gouv.fr/content/_startups"
                + "\nvitrine.betagouv.organisations=../beta.gouv.fr/content/_organisations\n");
        site = tmp.resolve("site");
        built = project.build(site);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static Document page(String path) throws IOException {
        return Jsoup.parse(site.resolve(path).toFile(), "UTF-8");
    }

    /** Text with its no-break spaces (French number and unit spacing) as plain spaces. */
    private static String plain(String s) {
        return s.replace('\u00A0', ' ').replace('\u202F', ' ');
    }

    private static String file(String name) {
        return tmp.resolve("beta.gouv.fr/content/" + name).toAbsolutePath().toString();
    }

    private static boolean warned(String file, String... parts) {
        return built.diagnostics().stream().anyMatch(d -> d.startsWith(file(file) + ":") && d.contains(": warning: ")
                && Stream.of(parts).allMatch(d::contains));
    }

    @Test
    void theCheckoutBuildsWithoutErrors() {
        assertEquals(0, built.exitCode(), built.err());
        assertFalse(built.err().contains(": error: "), built.err());
    }

    // 1. Organisations defined twice -------------------------------------------------------------------------------

    @Test
    void anOrganisationOfBothDataAndTheCheckoutIsMergedFieldByField() throws IOException {
        assertFalse(built.err().contains("duplicate organisation id"), built.err());
        // Disagreement on a fact: a warning at the beta.gouv.fr value naming both files; data/ wins.
        assertTrue(warned("_organisations/dinum.md", "type 'operateur'", "'administration-centrale'",
                "organisations.yml"), built.err());
        Document org = page("organisations/dinum/index.html");
        assertTrue(org.text().contains("Administration centrale"), "data/'s type wins");
        // A field only the checkout gives is kept.
        String csv = Files.readString(site.resolve("donnees/organisations.csv"));
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("dinum,") && l.contains(",numerique,")), csv);
    }

    // 2. Invisible characters --------------------------------------------------------------------------------------

    @Test
    void invisibleCharactersAreLocatedNamedAndDropped() throws IOException {
        String body = Trees.read(tmp.resolve("beta.gouv.fr/content/_startups/produit-a.md"));
        int line = (int) body.substring(0, body.indexOf('\uFEFF')).chars().filter(c -> c == '\n').count() + 1;
        assertTrue(warned("_startups/produit-a.md", ":" + line + ":2: warning:", "U+FEFF (ZERO WIDTH NO-BREAK SPACE)"),
                built.err());
        assertTrue(warned("_startups/produit-a.md", "U+200B (ZERO WIDTH SPACE)"), built.err());
        String html = Files.readString(site.resolve("produits/produit-a/index.html"));
        assertTrue(html.contains("Volume et coût"), "characters dropped from the text");
        assertFalse(html.contains("\uFEFF") || html.contains("\u200B"), "no invisible character on the page");
        assertTrue(html.contains("👩\u200D💻"), "a joiner inside an emoji sequence is kept");
        assertFalse(warned("_startups/produit-a.md", "U+200D"), built.err());
    }

    // 3. Phases and events -----------------------------------------------------------------------------------------

    private static final Pattern RAW_IDS = Pattern.compile(
            "\\b(transfer|hibernation|abandon-investigation|committee|product_launch|national_impact)\\b");

    @Test
    void phasesAndEventsAreShownWithFrenchLabelsNeverTheirIds() throws IOException {
        Document p = page("produits/produit-a/index.html");
        List<String> phases = p.select(".timeline li strong").eachText();
        assertEquals(List.of("Investigation", "En cours de pérennisation", "Accélération du service", "En sommeil",
                "Investigation non concluante"), phases, "historical name, _phases/ labels, built-in labels");
        String events = p.selectFirst("#phases").parent().select("ul li").text();
        assertTrue(events.contains("Passage en comité d'investissement") && events.contains("Lancement du produit")
                && events.contains("Impact national validé — Déployé partout"), events);
        assertFalse(RAW_IDS.matcher(p.body().text()).find(), "a raw id is shown: " + p.body().text());
        assertFalse(built.err().contains("unknown phase") || built.err().contains("unknown event"), built.err());
    }

    // 4. Links in bodies -------------------------------------------------------------------------------------------

    @Test
    void linksOfDescriptionsLeadToThisSiteOrToBetaGouv() throws IOException {
        Element body = page("produits/produit-a/index.html").selectFirst("#presentation").parent();
        assertNotNull(body.selectFirst("a[href='../produit-b/']"), "relative link between products");
        assertNotNull(body.selectFirst("a[href='../../organisations/dinum/']"), "root-relative link to an organisation");
        assertNotNull(body.selectFirst("a[href='https://beta.gouv.fr/approche']"), "other page of beta.gouv.fr");
        assertNotNull(body.selectFirst("a[href='#présentation-du-produit']"), "anchor of the description");
        assertTrue(warned("_startups/produit-a.md", "'#ancre-absente'"), built.err());
        assertNotNull(page("produits/produit-b/index.html").selectFirst("#presentation ~ p a[href='../produit-a/']"));
    }

    @Test
    void imagesAreCopiedFromTheCheckoutOrShownAsLinks() throws IOException {
        Element body = page("produits/produit-a/index.html").selectFirst("#presentation").parent();
        Element img = body.selectFirst("img");
        assertEquals("img/produit-a/schema.png", img.attr("src"));
        assertTrue(Files.isRegularFile(site.resolve("produits/produit-a/img/produit-a/schema.png")), "image copied");
        assertEquals(1, body.select("img").size(), "no image from another site");
        assertEquals("Image\u202F: Absente", body.selectFirst("a[href='https://beta.gouv.fr/img/absente.png']").text());
        assertNotNull(body.selectFirst("a[href='https://images.example.org/x.png']"));
    }

    @Test
    void theBetaGouvAddressIsASetting() {
        Diagnostics d = new Diagnostics();
        ProductBody.Result r = ProductBody.render("[racine](/approche) [voisin](autre) ![i](/img/x.png)", 1,
                Path.of("x.md"), "moi", "/produits/moi/",
                new ProductBody.Upstream(URI.create("https://beta.example.org/"), List.of()),
                id -> id.equals("autre") ? "/produits/autre/" : null, id -> null, d);
        assertTrue(r.html().contains("href=\"https://beta.example.org/approche\""), r.html());
        assertTrue(r.html().contains("href=\"../autre/\""), r.html());
        assertTrue(r.html().contains("href=\"https://beta.example.org/img/x.png\""), r.html());
        assertEquals(Map.of(), r.media());
    }

    // 5. Ids -------------------------------------------------------------------------------------------------------

    @Test
    void everyIdIsAcceptedWithASafeStableAddress() throws IOException {
        assertEquals("dinum", Text.address("dinum"));
        assertEquals("acces.majeur.protege", Text.address("acces.majeur.protege"), "beta.gouv.fr ids stay as they are");
        assertEquals("e-inspe-23d587c6", Text.address("e-inspé"), "derived from the id alone: stable");
        String longAddress = Text.address(LONG_ORG);
        assertTrue(longAddress.length() <= 69 && longAddress.matches("[a-z0-9-]+"), longAddress);
        assertTrue(Text.address("con").matches("con-[0-9a-f]{8}"), "a device name gets a derived address");

        Document product = page("produits/" + Text.address(ACCENT_PRODUCT) + "/index.html");
        assertEquals("Produit accentué", product.selectFirst("h1").text());
        Document a = page("produits/produit-a/index.html");
        for (String org : List.of(ACCENT_ORG, LONG_ORG)) {
            String href = "../../organisations/" + Text.address(org) + "/";
            assertNotNull(a.selectFirst("a[href='" + href + "']"), href);
            assertTrue(Files.isRegularFile(site.resolve("organisations/" + Text.address(org) + "/index.html")));
        }
    }

    @Test
    void aSponsorThatIsNotPublishedIsNotLinked() throws IOException {
        assertTrue(warned("_organisations/orga-sans-nom.md", "missing required field 'name'", "(record skipped)"));
        assertTrue(warned("_startups/produit-b.md", "sponsor 'orga-sans-nom' is not published"), built.err());
        Document b = page("produits/produit-b/index.html");
        assertTrue(b.select("a[href*='orga-sans-nom']").isEmpty(), "no link to a record that was not published");
        assertTrue(b.text().contains("orga-sans-nom"));
    }

    @Test
    void aConventionNamingASkippedRecordIsAnError(@TempDir Path dir) throws IOException {
        TestProject p = TestProject.copyOfRepository(dir).theme("neutral");
        write(dir.resolve("beta.gouv.fr/content/_organisations/orga-sans-nom.md"), "---\nacronym: OSN\n---\n");
        // Only a file that cannot be parsed is left out (issue 27).
        write(dir.resolve("beta.gouv.fr/content/_startups/produit-casse.md"), "---\ntitle: Cassé\nphases: [\n---\n");
        p.write("jbake.properties", p.read("jbake.properties")
                + "\nvitrine.betagouv.startups=../beta.gouv.fr/content/_startups"
                + "\nvitrine.betagouv.organisations=../beta.gouv.fr/content/_organisations\n");
        String avenant = "content/conventions/urbanvitaliz-avenant-1.md";
        int line = p.replace(avenant, "  - from: unknown", "  - from: orga-sans-nom");
        int products = p.replace(avenant, "products: [urbanvitaliz]", "products: [urbanvitaliz, produit-casse]");
        TestProject.Run check = p.check();
        assertEquals(1, check.exitCode(), check.err());
        String file = p.file(avenant).toAbsolutePath().toString();
        assertTrue(check.diagnostics().stream().anyMatch(d -> d.startsWith(file + ":" + line + ":11: error: "
                + "organisation 'orga-sans-nom' is not published")), check.err());
        assertTrue(check.diagnostics().stream().anyMatch(d -> d.startsWith(file + ":" + products + ":26: error: "
                + "product 'produit-casse' is not published")), check.err());
    }

    // 6. Raw HTML --------------------------------------------------------------------------------------------------

    @Test
    void rawHtmlIsSanitisedWithAnAllowList() throws IOException {
        String html = Files.readString(site.resolve("produits/produit-a/index.html"));
        Element body = Jsoup.parse(html).selectFirst("#presentation").parent();
        assertEquals("Direction interministérielle du numérique", body.selectFirst("abbr").attr("title"));
        Element doc = body.selectFirst("a[href='https://example.org/doc']");
        assertEquals("la documentation", doc.text());
        assertFalse(doc.hasAttr("target"));
        assertTrue(body.text().contains("Paragraphe cliquable"), "text of a dropped attribute's element kept");
        // The description's script is dropped (the page's own scripts, the theme's and search's, are elsewhere).
        assertFalse(body.html().contains("<script") || html.contains("onclick") || html.contains("javascript:")
                || html.contains("<iframe") || html.contains("&lt;a href") || html.contains("&lt;abbr"), html);
        assertTrue(warned("_startups/produit-a.md", "HTML element <script> dropped"), built.err());
        assertTrue(warned("_startups/produit-a.md", "HTML element <iframe> dropped"), built.err());
        assertTrue(warned("_startups/produit-a.md", "attribute 'target' of <a> dropped"), built.err());
        assertTrue(warned("_startups/produit-a.md", "address 'javascript:alert('c')' dropped"), built.err());
    }

    @Test
    void noActiveContentSurvivesTheAllowList() {
        String attacks = String.join("\n\n",
                "<script>alert(1)</script><img src=x onerror=alert(2)><svg onload=alert(3)></svg>",
                "<a href=\"jav&#x09;ascript:alert(4)\">a</a> <a href=\"JaVaScRiPt:alert(5)\">b</a> <a href=\"data:text/html,x\">c</a>",
                "[d](javascript:alert(6)) [e](vbscript:x) ![f](data:image/svg+xml;base64,PHN2Zz4=) ![g](//evil.example/x.png)",
                "<iframe src=\"https://evil.example/\"></iframe><object data=x></object><embed src=x><form action=x><input></form>",
                "<base href=\"https://evil.example/\"><meta http-equiv=refresh content=\"0;url=https://evil.example/\">",
                "<style>body{display:none}</style><link rel=stylesheet href=https://evil.example/x.css>",
                "<table><tr><td style=\"background:url(javascript:alert(7))\" onmouseover=\"alert(8)\">cellule</td></tr></table>",
                "<abbr title=\"x\" onclick=\"alert(9)\">abbr</abbr> <img src=\"https://beta.gouv.fr/img/a.svg\" alt=\"svg\">");
        Diagnostics d = new Diagnostics();
        String html = ProductBody.render(attacks, 1, Path.of("x.md"), "x", "/produits/x/", ProductBody.Upstream.DEFAULT,
                id -> null, id -> null, d).html();
        Document doc = Jsoup.parseBodyFragment(html);
        assertTrue(doc.select("script, svg, iframe, object, embed, form, input, base, meta, style, link").isEmpty(), html);
        assertTrue(doc.getAllElements().stream().flatMap(e -> e.attributes().asList().stream())
                .noneMatch(a -> a.getKey().startsWith("on") || a.getKey().equals("style")), html);
        assertTrue(doc.select("[href], [src]").stream().map(e -> e.hasAttr("href") ? e.attr("href") : e.attr("src"))
                .allMatch(u -> u.startsWith("https://") || u.startsWith("http://") || u.startsWith("#")), html);
        assertTrue(doc.select("img").isEmpty(), "no image from anywhere but a checkout, no SVG: " + html);
        assertTrue(doc.text().contains("cellule") && doc.text().contains("abbr"), "text kept");
        assertFalse(d.all().isEmpty(), "what was dropped is reported");
    }

    // 7. HTML entities in URL fields -------------------------------------------------------------------------------

    @Test
    void entitiesInAnAddressFieldAreDecodedWithAWarning() throws IOException {
        assertTrue(warned("_startups/produit-a.md", ":4:7: warning: 'link' is written with HTML entities",
                "read as 'https://example.org/a'"), built.err());
        assertNotNull(page("produits/produit-a/index.html").selectFirst("a[href='https://example.org/a']"));
    }

    // 8. FAST funding ----------------------------------------------------------------------------------------------

    @Test
    void fastFundingOfAProductFileIsAFundingLine() throws IOException {
        Document p = page("produits/produit-a/index.html");
        assertTrue(plain(p.text()).contains("45 000 € sur 1 ligne"), p.select("dl.facts").text());
        Element row = p.selectFirst("#financements").parent().selectFirst("tbody tr");
        assertEquals("FAST 11 (lauréat du FAST, fiche produit beta.gouv.fr) promotion 11 Fonds d'accélération des "
                        + "Startups d'État et de Territoire (FAST) 45 000 € non précisé —",
                plain(row.text()));
        List<String> lines = Files.readAllLines(site.resolve("donnees/lignes-financement.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        String fast = lines.stream().filter(l -> l.endsWith(",fiche-produit,produit-a")).findFirst().orElseThrow();
        assertEquals("45000", fast.split(",", -1)[header.indexOf("montant")]);
        assertTrue(lines.stream().skip(1).filter(l -> !l.endsWith(",fiche-produit,produit-a"))
                .allMatch(l -> l.contains(",convention,")), "every other line comes from a convention");
        String schema = Files.readString(site.resolve("donnees/lignes-financement.schema.json"));
        assertTrue(schema.contains("\"origine\"") && schema.contains("fiche-produit"), "documented in the Table Schema");
        String products = Files.readString(site.resolve("donnees/produits.csv"));
        assertTrue(products.lines().anyMatch(l -> l.startsWith("produit-a,") && l.contains(",45000,")), products);
    }

    // 9. check finds what build finds ------------------------------------------------------------------------------

    @Test
    void checkReportsWhatBuildReports() {
        TestProject.Run check = project.check();
        assertEquals(0, check.exitCode(), check.err());
        assertEquals(built.diagnostics(), check.diagnostics());
    }

    @Test
    void checkFindsABrokenLinkOfAPage(@TempDir Path dir) {
        TestProject p = TestProject.copyOfRepository(dir).theme("neutral");
        String about = "content/pages/a-propos.md";
        p.write(about, p.read(about) + "\nVoir [la suite](../inexistant/).\n");
        int line = (int) p.read(about).lines().count();
        TestProject.Run check = p.check();
        assertEquals(1, check.exitCode(), check.err());
        String at = p.file(about).toAbsolutePath() + ":" + line + ":";
        assertTrue(check.diagnostics().stream().anyMatch(d -> d.startsWith(at) && d.contains("broken link")
                && d.contains("../inexistant/")), check.err());
    }

    // Issue 12: control characters ---------------------------------------------------------------------------------

    @Test
    void controlCharactersAreRefusedWithTheirPosition(@TempDir Path dir) {
        TestProject p = TestProject.copyOfRepository(dir).theme("neutral");
        String avenant = "content/conventions/urbanvitaliz-avenant-1.md";
        String title = p.read(avenant).lines().filter(l -> l.startsWith("title: ")).findFirst().orElseThrow();
        int titleLine = p.replace(avenant, title, "title: \"Avenant\\e[31m rouge\"");
        String product = "data/products/reco-co.md";
        String mission = p.read(product).lines().filter(l -> l.startsWith("mission: ")).findFirst().orElseThrow();
        int missionLine = p.replace(product, mission, "mission: \"Accompagner \\uFFFE\"");
        String page = "content/pages/a-propos.md";
        p.write(page, p.read(page) + "\nUne ligne avec \u0007 une sonnerie.\n");
        int bellLine = (int) p.read(page).lines().count();
        // An invisible character written as a YAML escape: dropped with a warning, not refused.
        p.replace("data/products/recosante.md", "title: Recosanté (ex-Ecosanté)", "title: \"Recosanté\\u200B (ex-Ecosanté)\"");
        TestProject.Run check = p.check();
        assertEquals(1, check.exitCode(), check.err());
        List<String> d = check.diagnostics();
        String file = p.file(avenant).toAbsolutePath().toString();
        assertTrue(d.stream().anyMatch(l -> l.startsWith(file + ":" + titleLine + ":8: error: 'title' contains the "
                + "control character U+001B (ESCAPE) at character 8")), check.err());
        assertTrue(d.stream().anyMatch(l -> l.startsWith(p.file(product).toAbsolutePath() + ":" + missionLine
                + ":10: error: 'mission' contains the control character U+FFFE (noncharacter) at character 13")), check.err());
        assertTrue(d.stream().anyMatch(l -> l.startsWith(p.file(page).toAbsolutePath() + ":" + bellLine + ":16: error: "
                + "file contains the control character U+0007 (BEL)")), check.err());
        assertTrue(d.stream().anyMatch(l -> l.contains("recosante.md:") && l.contains(": warning: 'title' contains the "
                + "invisible character U+200B")), check.err());
        assertEquals(3, d.stream().filter(l -> l.contains(": error: ")).count(), check.err());
    }

    @Test
    void theCharacterPolicy() {
        assertTrue(Characters.isForbidden(0x1B) && Characters.isForbidden(0xFFFE) && Characters.isForbidden(0x85)
                && Characters.isForbidden(0xFDD0) && Characters.isForbidden(0x1FFFF) && Characters.isForbidden(0xD800));
        assertFalse(Characters.isForbidden('\t') || Characters.isForbidden('\n') || Characters.isForbidden('é')
                || Characters.isForbidden(0x1F469));
        assertEquals("ab", Characters.dropInvisible("a\u202Eb\u2066"));
        assertEquals("👩\u200D💻", Characters.dropInvisible("👩\u200D💻"));
        assertEquals("ab", Characters.dropInvisible("a\u200Db"));
        assertEquals("U+200F (RIGHT-TO-LEFT MARK)", Characters.describe(0x200F));
    }
}
