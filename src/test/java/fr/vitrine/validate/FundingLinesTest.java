package fr.vitrine.validate;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Funding;
import fr.vitrine.read.Sources.SourceSet;
import fr.vitrine.testing.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** {@link FundingLines} on the funding lines of the repository's Ecosanté convention, each broken in one way. */
class FundingLinesTest {

    @TempDir
    Path tmp;
    TestProject project;
    Diagnostics diagnostics = new Diagnostics();

    @BeforeEach
    void setUp() {
        project = TestProject.copyOfRepository(tmp);
    }

    /** The convention's lines, checked by {@link FundingLines} with {@code skipped} organisation files. */
    private List<Funding.Line> lines(Set<String> skipped) {
        SourceSet s = Records.read(project, diagnostics);
        Fields convention = Fields.of(Records.byId(s.conventions(), "ecosante-delegation-dgpr-dgs"), diagnostics);
        List<Fields> lines = convention.maps("funding", true);
        FundingLines rules = new FundingLines(skipped);
        return java.util.stream.IntStream.range(0, lines.size()).mapToObj(i -> rules.line(lines.get(i), i,
                Records.ids(s.organisations()), convention.texts("products", false))).toList();
    }

    @Test
    void theDelegantsLinesWithTheirImputationAndSchedule() {
        List<Funding.Line> lines = lines(Set.of());
        assertEquals(List.of(), Records.messages(diagnostics));
        Funding.Line dgs = lines.get(1);
        assertNotNull(dgs);
        assertEquals("dgs", dgs.from());
        assertEquals("dinum", dgs.to());
        assertEquals(0, new BigDecimal("100000").compareTo(dgs.amount()));
        assertEquals(Funding.Credits.AE_CP, dgs.credits());
        assertEquals("0204-CDGS-CELA", dgs.imputation().uo());
        assertEquals(List.of("signature", "2020-02", "2020-08"), dgs.schedule().stream().map(Funding.Installment::when).toList());
    }

    @Test
    void installmentsMustAddUpToTheLinesAmount() {
        project.replace(ConventionsTest.ECOSANTE, "        when: 2020-08\n        amount: 50000",
                "        when: 2020-08\n        amount: 40000");
        lines(Set.of());
        List<String> messages = Records.messages(diagnostics);
        assertEquals(1, messages.size(), messages.toString());
        assertEquals(true, messages.get(0).endsWith("CP installments add up to 90000 €, not the line's 100000 €; fix an "
                + "installment or the amount"), messages.get(0));
    }

    @Test
    void aLinesProductIsOneOfTheConventions() {
        project.replace(ConventionsTest.ECOSANTE, "  - from: dgs\n", "  - from: dgs\n    product: urbanvitaliz\n");
        lines(Set.of());
        List<String> messages = Records.messages(diagnostics);
        assertEquals(1, messages.size(), messages.toString());
        assertEquals(true, messages.get(0).endsWith("product 'urbanvitaliz' is not among this convention's products "
                + "[recosante]; add it to 'products' or fix the id"), messages.get(0));
    }

    @Test
    void aPayerWhoseFileWasSkippedIsNotPublished() {
        lines(Set.of("dgs"));
        assertEquals(List.of("ERROR 60:11 organisation 'dgs' is not published: its file was skipped (see the problem "
                + "reported on it); fix that file"), Records.messages(diagnostics));
    }
}
