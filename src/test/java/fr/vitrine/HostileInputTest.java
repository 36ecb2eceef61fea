package fr.vitrine;

import fr.vitrine.testing.ChildVitrine;
import fr.vitrine.testing.ChildVitrine.Diagnostic;
import fr.vitrine.testing.ChildVitrine.Run;
import fr.vitrine.testing.FullTier;
import fr.vitrine.testing.PreviousSite;
import fr.vitrine.testing.TestProject;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile inputs: markup and script URLs in every text field, ids that try to leave their folder, YAML and Markdown
 * built to exhaust a parser, oversized and binary files, links out of the project and broken encodings.
 * <p>
 * Each case either builds a site that is safe to open (no script element, no event-handler attribute, no
 * {@code javascript:}/{@code data:} URL; the payload shown as text), or fails the way every input error fails: exit
 * code 1, a {@code path:line:column: error:} line that names the file and says what to do, no Java stack trace, and
 * the previous site byte for byte as it was. Never a hang, never an {@code OutOfMemoryError}.
 * <p>
 * Every build runs the real command line in a child JVM ({@code -Xmx512m}, killed after {@link ChildVitrine#CHILD_LIMIT_SECONDS}
 * seconds), so a case that hangs or exhausts memory fails its own test without taking the test JVM down with it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@FullTier
class HostileInputTest {

    static final String SECONDE = "content/conventions/urbanvitaliz-seconde-convention.md";
    static final String ECOSANTE = "content/conventions/ecosante-delegation-dgpr-dgs.md";
    static final String AVENANT = "content/conventions/urbanvitaliz-avenant-1.md";
    static final String ORGS = "data/organisations.yml";
    static final String PRODUCT = "data/products/urbanvitaliz.md";
    static final String CSV = "data/stats/statistiques_impact_urbanvitaliz.csv";
    static final String PAGE = "content/pages/a-propos.md";

    @TempDir
    static Path shared;
    static PreviousSite previous;

    @TempDir
    Path tmp;
    TestProject project;
    Path output;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    static void buildPreviousSite() {
        previous = PreviousSite.build(shared);
    }

    @BeforeEach
    void setUp() {
        project = TestProject.copyOfRepository(tmp);
        output = tmp.resolve("site");
        previous.copyTo(output);
    }

    // =============================================================================================================
    // Markup and script URLs in text fields: rendered as text, never as markup
    // =============================================================================================================

    /** Markup that would run script or change the page if it reached it unescaped; {@code key} marks the field. */
    static String payload(String key) {
        return "<script>alert('" + key + "')</script><img src=x onerror=alert('" + key + "')>"
                + "<svg onload=alert('" + key + "')></svg><iframe src=\"javascript:alert('" + key + "')\"></iframe>"
                + "<style>body{display:none}</style><a href=\"jav&#x09;ascript:alert('" + key + "')\" onclick=\"x\">"
                + key + "</a>";
    }

    /** The part of a payload that must be visible, as written, in the page's text. */
    static String visible(String key) {
        return "<script>alert('" + key + "')</script>";
    }

    /** A YAML single-quoted scalar holding {@code s} as is. */
    static String yaml(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    @Test
    void markupInEveryTextFieldOfAConventionRecordIsShownAsText() throws IOException {
        List<String> keys = List.of("title", "summary", "rep-name", "rep-title", "sig-name", "sig-title", "fund",
                "programme", "fonds", "bop", "uo", "centre-financier", "domaine", "activite", "centre-de-cout",
                "imputation-note", "line-note", "schedule-note", "article", "obligation-text", "excerpt");
        project.write(AVENANT, "---\n"
                + "id: urbanvitaliz-avenant-1\n"
                + "title: " + yaml(payload("title")) + "\n"
                + "kind: avenant\n"
                + "parent: urbanvitaliz-convention-initiale\n"
                + "signed: unknown\n"
                + "effective: unknown\n"
                + "ends: unknown\n"
                + "summary: " + yaml(payload("summary")) + "\n"
                + "parties:\n"
                + "  - org: dinum\n"
                + "    role: bénéficiaire\n"
                + "    representative: {name: " + yaml(payload("rep-name")) + ", title: " + yaml(payload("rep-title")) + "}\n"
                + "    signatory: {name: " + yaml(payload("sig-name")) + ", title: " + yaml(payload("sig-title")) + "}\n"
                + "products: [urbanvitaliz]\n"
                + "funding:\n"
                + "  - from: unknown\n"
                + "    fund: " + yaml(payload("fund")) + "\n"
                + "    to: dinum\n"
                + "    amount: 200000\n"
                + "    tax: TTC\n"
                + "    period: {start: 2021-05, end: 2021-11}\n"
                + "    imputation:\n"
                + "      programme: " + yaml(payload("programme")) + "\n"
                + "      fonds_de_concours: " + yaml(payload("fonds")) + "\n"
                + "      bop: " + yaml(payload("bop")) + "\n"
                + "      uo: " + yaml(payload("uo")) + "\n"
                + "      centre_financier: " + yaml(payload("centre-financier")) + "\n"
                + "      domaine_fonctionnel: " + yaml(payload("domaine")) + "\n"
                + "      activite: " + yaml(payload("activite")) + "\n"
                + "      centre_de_cout: " + yaml(payload("centre-de-cout")) + "\n"
                + "      note: " + yaml(payload("imputation-note")) + "\n"
                + "    schedule:\n"
                + "      - {credit: unknown, when: 2021-05, amount: 200000, note: " + yaml(payload("schedule-note")) + "}\n"
                + "    note: " + yaml(payload("line-note")) + "\n"
                + "obligations:\n"
                + "  - type: other\n"
                + "    article: " + yaml(payload("article")) + "\n"
                + "    text: " + yaml(payload("obligation-text")) + "\n"
                + "source:\n"
                + "  cited_in: urbanvitaliz-seconde-convention\n"
                + "  excerpt: " + yaml(payload("excerpt")) + "\n"
                + "---\n");
        Run run = build();
        assertBuildsSafely(run);
        Document page = page("conventions/urbanvitaliz-avenant-1/index.html");
        for (String key : keys) {
            assertTrue(page.text().contains(visible(key)), "field '" + key + "' shown as text on its page");
        }
        assertTrue(page.selectFirst("h1").text().startsWith(visible("title")), page.selectFirst("h1").outerHtml());
    }

    @Test
    void markupInOrganisationFieldsIsShownAsText() throws IOException {
        project.replace(ORGS, "  name: Direction interministérielle du numérique\n  acronym: DINUM\n",
                "  name: " + yaml(payload("org-name")) + "\n  acronym: " + yaml(payload("org-acronym")) + "\n"
                        + "  domaine_ministeriel: " + yaml(payload("org-domaine")) + "\n");
        project.replace(ORGS, "  address: 20 avenue de Ségur – TSA 30 719 75 334 PARIS Cedex 07",
                "  address: " + yaml(payload("org-address")));
        project.replace(ORGS, "  name: Centre d'études et d'expertise sur les risques, l'environnement, la mobilité et "
                + "l'aménagement\n", "  name: " + yaml(payload("cerema-name")) + "\n");
        Run run = build();
        assertBuildsSafely(run);
        Document dinum = page("organisations/dinum/index.html");
        for (String key : List.of("org-name", "org-acronym", "org-address")) {
            assertTrue(dinum.text().contains(visible(key)), key + " shown as text: " + dinum.selectFirst("main"));
        }
        assertTrue(page("conventions/urbanvitaliz-seconde-convention/index.html").text().contains(visible("cerema-name")),
                "the party's name on a convention page, as text");
    }

    @Test
    void markupInProductFieldsIsShownAsTextAndDescriptionsAreSanitised() throws IOException {
        project.replace(PRODUCT, "title: UrbanVitaliz\n", "title: " + yaml(payload("product-title")) + "\n"
                + "metrics: [UrbanVitaliz]\n"
                + "incubator: " + yaml(payload("incubator")) + "\n");
        project.replace(PRODUCT, "mission: Accompagner les territoires dans la réhabilitation de friches",
                "mission: " + yaml(payload("mission")));
        // An event's name is shown when it has no comment.
        project.replace(PRODUCT, "  - name: committee\n", "  - name: " + yaml(payload("event-name")) + "\n"
                + "    date: 2022-01-10\n  - name: committee\n");
        String text = project.read(PRODUCT);
        int comment = text.indexOf("    comment: >-");
        int end = text.indexOf("\n---\n", comment);
        project.write(PRODUCT, text.substring(0, comment) + "    comment: " + yaml(payload("event-comment"))
                + text.substring(end, end + 5)
                + payload("description") + "\n\n<div onmouseover=\"alert(1)\">bloc</div>\n\nTexte *mis en valeur*.\n");
        Run run = build();
        assertBuildsSafely(run);
        Document page = page("produits/urbanvitaliz/index.html");
        for (String key : List.of("product-title", "mission", "incubator", "event-comment")) {
            assertTrue(page.text().contains(visible(key)), key + " shown as text");
        }
        // An unknown event id is never shown (raw or not): its French label stands for it (issue 11).
        assertFalse(page.text().contains(visible("event-name")), "unknown event id not shown");
        // Product descriptions are sanitised like beta.gouv.fr renders them (issue 11): what the allow-list drops
        // is gone (assertBuildsSafely checked no script, handler or javascript: URL is left), the text stays.
        assertFalse(page.text().contains(visible("description")), "script dropped, not shown");
        assertTrue(page.text().contains("bloc") && page.select("div[onmouseover]").isEmpty(), "div dropped, text kept");
        assertFalse(page.select("em").isEmpty(), "Markdown still rendered");
    }

    @Test
    void markdownBodiesNeverProduceScriptUrlsOrActiveElements() throws IOException {
        String attacks = String.join("\n\n",
                "<iframe src=\"https://evil.example/\"></iframe>",
                "<svg onload=\"alert('svg')\"><circle r=\"1\"/></svg>",
                "<style>body { display: none }</style>",
                "<object data=\"javascript:alert(1)\"></object>",
                "<!-- <script>alert('comment')</script> -->",
                "Inline <b onclick=\"alert(1)\">gras</b> et <span style=\"x\">span</span> dans une phrase.",
                "[tab](jav&#x09;ascript:alert(1)) [nl](jav&#x0A;ascript:alert(1)) [ent](&#106;avascript:alert(1)) "
                        + "[colon](javascript&colon;alert(1)) [case](JaVaScRiPt:alert(1)) [vb](vbscript:msgbox(1)) "
                        + "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) "
                        + "[ok](https://www.data.gouv.fr/)",
                "<javascript:alert('autolink')> <data:text/html,<script>alert(1)</script>> <https://beta.gouv.fr/>",
                "![img](javascript:alert(1)) ![img2](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+) "
                        + "![img3](https://tracker.example/pixel.gif \"t\") ![img4](//tracker.example/p.gif) "
                        + "![img5](\\\\\\\\tracker.example/q.gif)",
                "[ref] et [ref2] et [ref3]",
                "[ref]: javascript:alert('ref')\n[ref2]: https://beta.gouv.fr/ \"titre\\\" onmouseover=\\\"alert(1)\"\n"
                        + "[ref3]: <data:text/html,x> 'a\" onfocus=\"alert(1)'",
                "[titre](https://beta.gouv.fr/ \"a\\\" onmouseover=\\\"alert('title')\")",
                "| colonne | autre |\n|---|---|\n| <script>alert('table')</script> | [x](javascript:alert(1)) |");
        project.write(SECONDE, project.read(SECONDE) + "\n## Annexe hostile\n\n" + attacks + "\n");
        project.replace(PAGE, "title: À propos", "title: " + yaml(payload("page-title")));
        project.replace(PAGE, "description: Ce que publie ce site, d'où viennent ses données et comment les réutiliser.",
                "description: " + yaml(payload("page-description")));
        project.write(PAGE, project.read(PAGE) + "\n" + attacks + "\n");
        Run run = build();
        assertBuildsSafely(run);
        Document convention = page("conventions/urbanvitaliz-seconde-convention/index.html");
        assertTrue(convention.text().contains("<iframe src=\"https://evil.example/\"></iframe>"), "iframe shown as text");
        assertTrue(convention.text().contains("<svg onload=\"alert('svg')\">"), "svg shown as text");
        assertTrue(convention.text().contains("<script>alert('table')</script>"), "table cell shown as text");
        assertTrue(convention.select("a[href=https://www.data.gouv.fr/]").size() == 1, "safe links still work");
        Element titled = convention.select("a[href=https://beta.gouv.fr/][title]").first();
        assertTrue(titled != null && titled.attr("title").contains("onmouseover"), "quotes stay inside the title");
        Document about = page("a-propos/index.html");
        assertTrue(about.selectFirst("h1").text().contains(visible("page-title")), about.selectFirst("h1").outerHtml());
        assertTrue(about.text().contains("<style>body { display: none }</style>"), "style block shown as text");
    }

    @Test
    void productAddressesWithScriptSchemesAreRefused() {
        int link = project.replace(PRODUCT, "link: https://urbanvitaliz.fr/", "link: ' JavaScript:alert(1)'");
        int stats = project.replace(PRODUCT, "stats_url: https://urbanvitaliz.fr/stats",
                "stats_url: 'data:text/html,<script>alert(1)</script>'\nrepository: 'jav\tascript:alert(1)'");
        Run run = build();
        assertFailsClearly(run, PRODUCT, link, 7, "'link' must be an http\\(s\\) address");
        assertFailsClearly(run, PRODUCT, stats, 12, "'stats_url' must be an http\\(s\\) address");
        assertFailsClearly(run, PRODUCT, stats + 1, 13, "'repository' must be an http\\(s\\) address");
    }

    @Test
    void conventionAddressWithScriptSchemeIsRefused() {
        int line = project.replace(ECOSANTE, "  data_gouv: unknown", "  data_gouv: \"javascript:alert('data.gouv')\"");
        assertFailsClearly(build(), ECOSANTE, line, 14, "data_gouv must be an https:// address");
    }

    @Test
    void markupInImpactCsvTextIsShownAsTextAndInCharts() throws IOException {
        String header = project.read(CSV).lines().findFirst().orElseThrow();
        String indicator = "<script>alert('indicator')</script><svg onload=alert(1)>";
        String unit = "<img src=x onerror=alert('unit')>";
        String row = "\"<b onclick=x>Cerema</b>\",UrbanVitaliz," + csv(indicator) + ",%s," + csv(unit)
                + ",false,usage,mensuelle,%s,false,,false," + csv(payload("collecte")) + ",,,,"
                + csv(payload("comment")) + "\n";
        project.write("data/stats/hostile.csv", header + "\n" + String.format(row, "10", "2024-01-31")
                + String.format(row, "12", "2024-02-29") + String.format(row, "15", "2024-03-31"));
        Run run = build();
        assertBuildsSafely(run);
        Document stats = page("produits/urbanvitaliz/stats/index.html");
        assertTrue(stats.text().contains(indicator), "indicator name shown as text");
        assertTrue(stats.text().contains(visible("comment")), "comment shown as text");
        assertTrue(stats.text().contains(visible("collecte")), "source shown as text");
        assertFalse(stats.select("svg title").isEmpty(), "the indicator has a chart");
        assertTrue(stats.select("svg title").stream().anyMatch(t -> t.text().contains(indicator)),
                "the chart's title holds the name as text");
    }

    // =============================================================================================================
    // Ids: nothing may leave its folder or name a device
    // =============================================================================================================

    @Test
    void registryIdsThatWouldLeaveTheirFolderAreRefused() {
        String orgs = project.read(ORGS);
        int first = orgs.split("\n", -1).length + 1;
        project.write(ORGS, orgs + "\n- id: '../../etc'\n  name: A\n- id: a/b\n  name: B\n- id: '..'\n  name: C\n"
                + "- id: 'x\\y'\n  name: D\n");
        Run run = build();
        assertFailsClearly(run, ORGS, first, 7, "id '\\.\\./\\.\\./etc' is not valid: use at most 100 lower-case letters");
        assertFailsClearly(run, ORGS, first + 2, 7, "id 'a/b' is not valid");
        assertFailsClearly(run, ORGS, first + 4, 7, "id '\\.\\.' is not valid");
        assertFailsClearly(run, ORGS, first + 6, 7, "id 'x\\\\y' is not valid");
    }

    @Test
    void referencesWithPathTraversalAreUnknownIds() {
        int products = project.replace(AVENANT, "products: [urbanvitaliz]", "products: [urbanvitaliz, ../../../etc/passwd]");
        int parent = project.replace(AVENANT, "parent: urbanvitaliz-convention-initiale", "parent: ../urbanvitaliz-convention-initiale");
        int cited = project.replace(AVENANT, "  cited_in: urbanvitaliz-seconde-convention", "  cited_in: ../../seconde");
        int sponsor = project.replace(PRODUCT, "  - /organisations/anct", "  - /organisations/../../anct");
        int text = project.replace(ECOSANTE, "  text: sources/convention-delegation-dgpr-dgs-dinum-ecosante.txt",
                "  text: ../../../../../../../etc/passwd");
        Run run = build();
        assertFailsClearly(run, AVENANT, products, 26, "unknown product '\\.\\./\\.\\./\\.\\./etc/passwd'");
        assertFailsClearly(run, AVENANT, parent, 9, "unknown convention '\\.\\./urbanvitaliz-convention-initiale'");
        assertFailsClearly(run, AVENANT, cited, 13, "unknown convention '\\.\\./\\.\\./seconde'");
        assertFailsClearly(run, PRODUCT, sponsor, 5, "unknown organisation '\\.\\./\\.\\./anct'");
        assertFailsClearly(run, ECOSANTE, text, 9, "is not a file under content/");
    }

    @Test
    void idsWithANulCharacterAreRefusedAndNotEchoedRaw() {
        String orgs = project.read(ORGS);
        int line = orgs.split("\n", -1).length + 1;
        project.write(ORGS, orgs + "\n- id: \"nul\\0byte\"\n  name: Nul\n");
        int products = project.replace(AVENANT, "products: [urbanvitaliz]", "products: [urbanvitaliz, \"x\\0y\"]");
        Run run = build();
        assertFailsClearly(run, ORGS, line, 7, "is not valid");
        assertFailsClearly(run, AVENANT, products, 26, "unknown product");
        // assertFailsClearly also checks that no control character reaches stderr.
    }

    @Test
    void idsOf300CharactersAreRefusedWithAShortMessage() {
        String longId = "a".repeat(300);
        String orgs = project.read(ORGS);
        int line = orgs.split("\n", -1).length + 1;
        project.write(ORGS, orgs + "\n- id: " + longId + "\n  name: Long\n");
        int id = project.replace(AVENANT, "id: urbanvitaliz-avenant-1", "id: " + longId);
        int products = project.replace(AVENANT, "products: [urbanvitaliz]", "products: [urbanvitaliz, " + "b".repeat(300) + "]");
        Run run = build();
        assertFailsClearly(run, ORGS, line, 7, "is not valid: use at most 100 lower-case letters");
        assertFailsClearly(run, AVENANT, id, 5, "is not valid: use at most 100 lower-case letters");
        assertFailsClearly(run, AVENANT, products, 26, "unknown product");
    }

    @Test
    void uppercaseAndSpacesInIdsAndFileNamesAreRefused() throws IOException {
        String text = project.read(AVENANT).replace("id: urbanvitaliz-avenant-1", "id: Premier Avenant");
        Files.delete(project.file(AVENANT));
        project.write("content/conventions/Premier Avenant.md", text);
        Files.move(project.file("data/products/reco-co.md"), project.file("data/products/Reco Co.md"));
        project.replace(SECONDE, "products: [urbanvitaliz, reco-co]", "products: [urbanvitaliz]");
        int org = project.replace(ORGS, "- id: dinum\n", "- id: DINUM\n");
        Run run = build();
        assertFailsClearly(run, "content/conventions/Premier Avenant.md", 3, 5, "id 'Premier Avenant' is not valid");
        assertFailsClearly(run, "data/products/Reco Co.md", null, null, "file name 'Reco Co.md' can't be used as an id");
        assertFailsClearly(run, ORGS, org, 7, "id 'DINUM' is not valid");
    }

    /**
     * {@code con}, {@code nul}, {@code aux}, {@code com1}… match the id pattern. On Linux the pages land safely in
     * {@code output/organisations/con/} and no device is touched; but Windows can neither check out
     * {@code content/conventions/nul.md} nor create {@code output/conventions/nul/}, so a contributor on Windows
     * could not clone the content and the built site could not be unpacked there. Ids are permanent public
     * addresses, and none of these names is a plausible record id: they are refused.
     */
    @Test
    void windowsReservedDeviceNamesAreRefusedAsIds() throws IOException {
        String orgs = project.read(ORGS);
        int con = orgs.split("\n", -1).length + 1;
        project.write(ORGS, orgs + "\n- id: con\n  name: Con\n- id: aux\n  name: Aux\n");
        String avenant = project.read(AVENANT).replace("id: urbanvitaliz-avenant-1", "id: nul");
        Files.delete(project.file(AVENANT));
        project.write("content/conventions/nul.md", avenant);
        project.write("data/products/com1.md", project.read("data/products/reco-co.md"));
        Run run = build();
        assertFailsClearly(run, ORGS, con, 7, "con");
        assertFailsClearly(run, ORGS, con + 2, 7, "aux");
        assertFailsClearly(run, "content/conventions/nul.md", 3, 5, "nul");
        assertFailsClearly(run, "data/products/com1.md", null, null, "com1");
    }

    // =============================================================================================================
    // YAML built to exhaust the parser
    // =============================================================================================================

    @Test
    void billionLaughsIsRefused() {
        StringBuilder bomb = new StringBuilder("x_bomb:\n  a: &a lol\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append("  ").append(c).append(": &").append(c).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, "*" + previous))).append("]\n");
            previous = c;
        }
        project.replace(AVENANT, "obligations: []\n", "obligations: []\n" + bomb);
        assertFailsClearly(build(), AVENANT, null, null, "aliases");
    }

    /**
     * Twenty aliases, the limit SnakeYAML is given, are enough for a 1 000-fold expansion when each level repeats
     * the previous one four times: an 80 kB front matter becomes 20 million values once aliases are followed.
     */
    @Test
    void aliasExpansionWithinTheAliasLimitIsRefused() {
        StringBuilder bomb = new StringBuilder("x_bomb:\n  a: &a [")
                .append(String.join(",", java.util.Collections.nCopies(20_000, "lol"))).append("]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'f'; c++) {
            bomb.append("  ").append(c).append(": &").append(c).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(4, "*" + previous))).append("]\n");
            previous = c;
        }
        project.replace(AVENANT, "obligations: []\n", "obligations: []\n" + bomb);
        assertFailsClearly(build(), AVENANT, null, null, "alias");
    }

    /** Aliases to scalars are not counted by SnakeYAML's alias limit: one 400 kB text referenced 120 000 times. */
    @Test
    void scalarAliasAmplificationIsRefused() {
        project.replace(AVENANT, "kind: avenant", "kind: avenant\nx_text: &s " + "x".repeat(400_000));
        project.replace(AVENANT, "products: [urbanvitaliz]",
                "products: [urbanvitaliz" + ", *s".repeat(120_000) + "]");
        assertFailsClearly(build(), AVENANT, null, null, "alias");
    }

    @Test
    void nestingOf1000LevelsIsRefused() {
        project.replace(AVENANT, "obligations: []\n", "obligations: []\nx_flow: " + "[".repeat(1000) + "]".repeat(1000) + "\n");
        StringBuilder block = new StringBuilder("x_block:\n");
        for (int i = 0; i < 1000; i++) {
            block.append("  ".repeat(i + 1)).append("k").append(i).append(":\n");
        }
        block.append("  ".repeat(1001)).append("v\n");
        project.replace(ECOSANTE, "obligations:", block + "obligations:");
        Run run = build();
        assertFailsClearly(run, AVENANT, null, null, "nesting");
        assertFailsClearly(run, ECOSANTE, null, null, "nesting");
    }

    @Test
    void duplicateKeysInNestedMapsAndInTheRegistryAreReported() {
        int amount = project.replace(AVENANT, "    amount: 200000\n", "    amount: 200000\n    amount: 2000000\n");
        int name = project.replace(ORGS, "  acronym: DINUM\n", "  acronym: DINUM\n  name: Autre nom\n");
        Run run = build();
        assertFailsClearly(run, AVENANT, amount + 1, 5, "duplicate key 'amount' \\(first written on line " + amount + "\\)");
        assertFailsClearly(run, ORGS, name + 1, 3, "duplicate key 'name'");
    }

    @Test
    void aTwoMegabyteYamlValueIsRefused() {
        project.replace(AVENANT, "summary: >-\n", "summary: \"" + "A".repeat(2_000_000) + "\"\nx_summary: >-\n");
        assertFailsClearly(build(), AVENANT, null, null, "exceeds the limit");
    }

    @Test
    void javaTypeTagsAreRefused() {
        int products = project.replace(AVENANT, "products: [urbanvitaliz]", "products: !!javax.script.ScriptEngineManager "
                + "[!!java.net.URLClassLoader [[!!java.net.URL [\"http://localhost:1/\"]]]]");
        int title = project.replace(ECOSANTE, "title: ", "title: !!java.lang.ProcessBuilder ");
        int kind = project.replace(SECONDE, "kind: partenariat", "kind: !custom partenariat");
        Run run = build();
        assertFailsClearly(run, AVENANT, products, null, "tag");
        assertFailsClearly(run, ECOSANTE, title, null, "tag");
        assertFailsClearly(run, SECONDE, kind, 7, "tag '!custom' is not allowed");
    }

    @Test
    void localTagsOnListsAndMapsAreRefused() {
        int products = project.replace(AVENANT, "products: [urbanvitaliz]", "products: !custom [urbanvitaliz]");
        int source = project.replace(AVENANT, "source:\n", "source: !object\n");
        Run run = build();
        assertFailsClearly(run, AVENANT, products, 11, "tag '!custom' is not allowed");
        assertFailsClearly(run, AVENANT, source, 9, "tag '!object' is not allowed");
    }

    @Test
    void mergeKeysAreRefused() {
        int line = project.replace(AVENANT, "obligations: []", "obligations:\n  - <<: {type: other, text: fusion}\n    article: Article 1") + 1;
        assertFailsClearly(build(), AVENANT, line, 5, "merge keys \\('<<'\\) are not supported");
    }

    // =============================================================================================================
    // Oversized and pathological Markdown
    // =============================================================================================================

    @Test
    void aFiftyMegabyteMarkdownFileFailsFastWithASizeError() throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(project.file(SECONDE), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND)) {
            String paragraph = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(20) + "\n\n";
            for (long written = 0; written < 50L * 1024 * 1024; written += paragraph.length()) {
                w.write(paragraph);
            }
        }
        Run run = build();
        assertFailsClearly(run, SECONDE, 1, 1, "file is 50\\.\\d MB, over the 8 MB limit");
        assertTrue(run.seconds() < 20, "refused by its size, without reading it: " + run.seconds() + " s");
    }

    @Test
    void twoHundredThousandNestedBlockQuotesRenderInTime() throws IOException {
        project.write(SECONDE, project.read(SECONDE) + "\n" + ">".repeat(200_000) + " <script>alert('deep')</script>\n");
        Run run = build();
        assertBuildsSafely(run);
        assertTrue(Files.size(output.resolve("conventions/urbanvitaliz-seconde-convention/index.html")) > 0);
    }

    @Test
    void twoHundredThousandEmphasisMarkersAndNestedListsRenderInTime() throws IOException {
        project.write(SECONDE, project.read(SECONDE) + "\n" + "*".repeat(200_000) + "x" + "*".repeat(200_000) + "\n\n"
                + "* ".repeat(100_000) + "liste\n\n" + "[".repeat(100_000) + "a" + "](javascript:x)".repeat(1000) + "\n");
        assertBuildsSafely(build());
    }

    // =============================================================================================================
    // Numbers and durations that overflow
    // =============================================================================================================

    @Test
    void anAmountWithAHugeExponentIsRefused() {
        int line = project.replace(AVENANT, "    amount: 200000", "    amount: 1e999999999");
        assertFailsClearly(build(), AVENANT, line, 13, "amount");
    }

    @Test
    void anAmountWithATinyExponentIsRefused() {
        int line = project.replace(AVENANT, "    amount: 200000", "    amount: 1e-999999999");
        assertFailsClearly(build(), AVENANT, line, 13, "amount");
    }

    @Test
    void aDurationBeyondTheCalendarIsRefused() {
        int line = project.replace(ECOSANTE, "duration: P1Y", "duration: P999999999Y");
        project.replace(ECOSANTE, "effective: publication", "effective: signature");
        assertFailsClearly(build(), ECOSANTE, line, 11, "duration");
    }

    // =============================================================================================================
    // Impact CSVs: oversized, binary, NUL
    // =============================================================================================================

    @Test
    void aCsvCellOfOneMegabyteIsShownAsText() throws IOException {
        List<String> lines = new ArrayList<>(project.read(CSV).lines().toList());
        String row = lines.get(1);
        String big = "<script>alert('big')</script>".repeat(1_048_576 / 29 + 1);
        lines.set(1, row.substring(0, row.lastIndexOf(",\"")) + "," + csv(big));
        project.write(CSV, String.join("\n", lines) + "\n");
        Run run = build();
        assertBuildsSafely(run);
        assertTrue(page("produits/urbanvitaliz/stats/index.html").text().contains(visible("big")), "comment as text");
    }

    @Test
    void aCsvWith10000ColumnsIsReadWithAFewWarnings() throws IOException {
        List<String> lines = project.read(CSV).lines().toList();
        int extra = 10_000 - lines.get(0).split(",").length;
        StringBuilder text = new StringBuilder(lines.get(0));
        for (int i = 0; i < extra; i++) {
            text.append(",colonne_").append(i);
        }
        text.append('\n');
        for (String row : lines.subList(1, lines.size())) {
            text.append(row).append(",".repeat(extra)).append('\n');
        }
        project.write(CSV, text.toString());
        Run run = build();
        assertBuildsSafely(run);
        long warnings = run.diagnostics().stream().filter(d -> d.severity().equals("warning")).count();
        assertTrue(warnings <= 51, "unknown columns are reported, but not as " + warnings + " separate warnings (row "
                + "errors are capped at 50 per file; one line can say how many more)");
    }

    @Test
    void aCsvThatIsOneMillionCharactersWithoutANewlineIsRefusedWithAShortMessage() {
        project.write(CSV, "a".repeat(1_000_000));
        assertFailsClearly(build(), CSV, 1, 1, "missing column administration_rattachement");
    }

    @Test
    void aCsvOfRandomBytesIsRefusedAsNotText() {
        byte[] garbage = new byte[100_000];
        new Random(42).nextBytes(garbage);
        project.writeBytes(CSV, garbage);
        assertFailsClearly(build(), CSV, null, null, "binary|not (a )?text|not valid");
    }

    @Test
    void aCsvWithANulByteIsRefused() {
        byte[] text = project.read(CSV).getBytes(StandardCharsets.UTF_8);
        String s = new String(text, StandardCharsets.UTF_8);
        int at = s.indexOf("Cerema", s.indexOf('\n')) + 3;
        byte[] broken = new byte[text.length + 1];
        int byteAt = s.substring(0, at).getBytes(StandardCharsets.UTF_8).length;
        System.arraycopy(text, 0, broken, 0, byteAt);
        System.arraycopy(text, byteAt, broken, byteAt + 1, text.length - byteAt);
        project.writeBytes(CSV, broken);
        assertFailsClearly(build(), CSV, 2, null, "NUL");
    }

    // =============================================================================================================
    // Links out of the project, loops, folders and unreadable files
    // =============================================================================================================

    @Test
    void aConventionThatLinksToAFileOutsideTheProjectIsRefused() throws IOException {
        Path outside = Files.writeString(tmp.resolve("outside.md"), project.read(AVENANT).replace("urbanvitaliz-avenant-1", "secret"));
        Files.createSymbolicLink(project.file("content/conventions/secret.md"), outside);
        assertFailsClearly(build(), "content/conventions/secret.md", null, null, "link to .*outside.*copy the file");
    }

    @Test
    void foldersLinkedFromOutsideTheProjectAreRefused() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside-products"));
        for (String name : List.of("urbanvitaliz.md", "reco-co.md", "recosante.md")) {
            Files.copy(project.file("data/products/" + name), outside.resolve(name));
        }
        deleteTree(project.file("data/products"));
        Files.createSymbolicLink(project.file("data/products"), outside);
        Path outsideConvention = Files.createDirectories(tmp.resolve("outside-folder"));
        Files.createSymbolicLink(project.file("content/conventions/linked-folder.md"), outsideConvention);
        Run run = build();
        assertFailsClearly(run, "data/products/urbanvitaliz.md", null, null, "outside");
        assertFailsClearly(run, "content/conventions/linked-folder.md", null, null, "outside");
    }

    @Test
    void aLoopOfLinksIsReportedAsSuch() throws IOException {
        Files.createSymbolicLink(project.file("content/conventions/loop-a.md"), Path.of("loop-b.md"));
        Files.createSymbolicLink(project.file("content/conventions/loop-b.md"), Path.of("loop-a.md"));
        Run run = build();
        for (String file : List.of("content/conventions/loop-a.md", "content/conventions/loop-b.md")) {
            Diagnostic d = assertFailsClearly(run, file, null, null, "loop|cannot be (followed|resolved)");
            assertFalse(d.message().contains("null"), "says what is wrong rather than 'null': " + d.message());
        }
    }

    @Test
    void aFolderNamedLikeAConventionIsReported() throws IOException {
        Files.createDirectories(project.file("content/conventions/x.md"));
        assertFailsClearly(build(), "content/conventions/x.md", null, null, "directory|folder");
    }

    @Test
    void anUnreadableFileIsReportedAsSuch() throws IOException {
        Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root reads every file");
        Files.setPosixFilePermissions(project.file(AVENANT), PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(project.file(CSV), PosixFilePermissions.fromString("---------"));
        Run run = build();
        assertFailsClearly(run, AVENANT, null, null, "permission|access");
        assertFailsClearly(run, CSV, null, null, "permission|access");
    }

    /** A source text is copied into the site: one that links out of the project would publish that file. */
    @Test
    void aSourceTextThatLinksOutOfTheProjectIsRefused() throws IOException {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "TOP SECRET, never to be published\n");
        Files.createSymbolicLink(project.file("content/sources/leak.txt"), secret);
        int line = project.replace(ECOSANTE, "  text: sources/convention-delegation-dgpr-dgs-dinum-ecosante.txt",
                "  text: sources/leak.txt");
        assertFailsClearly(build(), ECOSANTE, line, 9, "outside|link");
    }

    /** Impact CSVs are found by walking data/; one that links out of the project would be read and published. */
    @Test
    void anImpactCsvThatLinksOutOfTheProjectIsRefused() throws IOException {
        String header = project.read(CSV).lines().findFirst().orElseThrow();
        Path secret = Files.writeString(tmp.resolve("secret.csv"), header + "\nCerema,UrbanVitaliz,SECRET-INDICATOR,"
                + "999,unité,false,usage,autre,2023-01-01,false,,false,fichier privé,,,,\n");
        Files.createSymbolicLink(project.file("data/stats/leak.csv"), secret);
        assertFailsClearly(build(), "data/stats/leak.csv", null, null, "outside|link");
    }

    // =============================================================================================================
    // Encodings
    // =============================================================================================================

    @Test
    void aLatin1ByteInTheMiddleOfAUtf8FileIsLocated() {
        String text = project.read(SECONDE);
        int at = text.indexOf('\n', text.length() / 2) + 1;
        int line = (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
        byte[] before = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] after = text.substring(at).getBytes(StandardCharsets.UTF_8);
        project.writeBytes(SECONDE, concat(before, new byte[] {'c', 'a', 'f', (byte) 0xE9, ' '}, after));
        assertFailsClearly(build(), SECONDE, line, 4, "not valid UTF-8 \\(byte 0xE9\\)");
    }

    @Test
    void aUtf16FileWithByteOrderMarkIsRefused() {
        String text = project.read(SECONDE);
        project.writeBytes(SECONDE, concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE)));
        assertFailsClearly(build(), SECONDE, 1, 1, "not valid UTF-8.*re-save it as UTF-8");
    }

    /**
     * A byte order mark anywhere but at the very start is invisible and usually comes from pasting two files
     * together (or from an office tool). In a value it would make "'partenariat' is not a valid kind; did you mean
     * 'partenariat'?"; it is reported as what it is, where it is, and dropped (never fatal: issue 11).
     */
    @Test
    void aByteOrderMarkInTheMiddleOfAFileIsLocatedAndDropped() throws IOException {
        int line = project.replace(SECONDE, "kind: partenariat", "kind: \uFEFFpartenariat");
        Run run = build();
        assertBuildsSafely(run);
        assertTrue(run.diagnostics().stream().anyMatch(d -> d.severity().equals("warning") && d.line() == line
                && d.column() == 7 && d.message().contains("U+FEFF")), run.err());
    }

    @Test
    void anOverlongUtf8SequenceIsRefused() {
        String text = project.read(SECONDE);
        int at = text.indexOf('\n', text.length() / 2) + 1;
        int line = (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
        project.writeBytes(SECONDE, concat(text.substring(0, at).getBytes(StandardCharsets.UTF_8),
                new byte[] {'.', '.', (byte) 0xC0, (byte) 0xAF, 'x'}, text.substring(at).getBytes(StandardCharsets.UTF_8)));
        assertFailsClearly(build(), SECONDE, line, 3, "not valid UTF-8 \\(byte 0xC0\\)");
    }

    @Test
    void aLoneSurrogateEncodedAsCesuIsRefused() {
        String text = project.read(PRODUCT);
        int at = text.indexOf("title: UrbanVitaliz") + "title: ".length();
        int line = (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
        project.writeBytes(PRODUCT, concat(text.substring(0, at).getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, text.substring(at).getBytes(StandardCharsets.UTF_8)));
        assertFailsClearly(build(), PRODUCT, line, 8, "not valid UTF-8 \\(byte 0xED\\)");
    }

    // =============================================================================================================
    // Messages
    // =============================================================================================================

    /**
     * Values are echoed in messages ("'x' is not a valid kind"). A line break in a value must not start a new line
     * in the report (CI would read it as a workflow command), nor an escape sequence reach the terminal.
     */
    @Test
    void controlCharactersInValuesDoNotReachTheReport() {
        int line = project.replace(AVENANT, "kind: avenant",
                "kind: \"avenant\\n::error file=README.md,line=1::injected\\e[31m red\\e]0;title\\a\\u202Eevil\"");
        Diagnostic d = assertFailsClearly(build(), AVENANT, line, 7, "is not a valid kind");
        assertFalse(d.message().contains("\u202E"), "no bidirectional override in a message: " + d.message());
    }

    // =============================================================================================================
    // Helpers
    // =============================================================================================================

    private ChildVitrine child() {
        return new ChildVitrine(tmp, project, output, previous);
    }

    private Run build() {
        return child().build();
    }

    private Diagnostic assertFailsClearly(Run run, String file, Integer line, Integer column, String... patterns) {
        return child().assertFailsClearly(run, file, line, column, patterns);
    }

    private void assertBuildsSafely(Run run) throws IOException {
        child().assertBuildsSafely(run);
    }

    private Document page(String relative) throws IOException {
        return child().page(relative);
    }

    /** A CSV cell holding {@code s}, quoted. */
    static String csv(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
