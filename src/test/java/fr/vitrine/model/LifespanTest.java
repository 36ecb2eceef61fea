package fr.vitrine.model;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.Period;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Statuses reasoned on the intervals partial dates allow: known only when every possible date agrees. */
class LifespanTest {

    private static final Convention.Effective AT_SIGNATURE = new Convention.Effective("signature", null);
    private static final Convention.Effective AT_PUBLICATION = new Convention.Effective("publication", null);

    private static Lifespan.Answer status(String signed, Convention.Effective effective, String ends, String duration,
                                          String today) {
        return Lifespan.of(signed == null ? null : PartialDate.parse(signed), effective,
                ends == null ? null : PartialDate.parse(ends), duration == null ? null : Period.parse(duration))
                .status(LocalDate.parse(today));
    }

    @Test
    void signedInAMonthForTwoYearsIsInForceWhateverTheDay() {
        Lifespan.Answer a = status("2025-09", AT_SIGNATURE, null, "P2Y", "2026-12-01");
        assertEquals(Convention.Status.EN_VIGUEUR, a.status());
        assertNull(a.reason());
        // Any day of September 2025 plus two years ends between 31 August and 29 September 2027.
        assertEquals(Convention.Status.TERMINEE, status("2025-09", AT_SIGNATURE, null, "P2Y", "2027-09-30").status());
        Lifespan.Answer edge = status("2025-09", AT_SIGNATURE, null, "P2Y", "2027-09-10");
        assertEquals(Convention.Status.INCONNU, edge.status());
        assertEquals("fin entre le 31\u00a0août\u00a02027 et le 29\u00a0septembre\u00a02027", edge.reason());
    }

    @Test
    void fromAnUnpublishedPublicationTheEndIsUnknownAndSaysWhy() {
        // Ecosanté: signed on 5 March 2020, in effect from its publication (not given), for one year.
        Lifespan.Answer a = status("2020-03-05", AT_PUBLICATION, null, "P1Y", "2026-11-25");
        assertEquals(Convention.Status.INCONNU, a.status());
        assertEquals("un\u00a0an à compter de sa publication, date non publiée", a.reason());
        // Before its signature, every possible start is ahead: to come.
        assertEquals(Convention.Status.A_VENIR, status("2020-03-05", AT_PUBLICATION, null, "P1Y", "2020-03-01").status());
        // Between signature and a year later it may or may not have started.
        assertEquals(Convention.Status.INCONNU, status("2020-03-05", AT_PUBLICATION, null, "P1Y", "2020-06-01").status());
    }

    @Test
    void anEndKnownToTheMonthDecidesOnlyOutsideThatMonth() {
        assertEquals(Convention.Status.EN_VIGUEUR, status("2024-01-10", AT_SIGNATURE, "2026-12", null, "2026-11-30").status());
        Lifespan.Answer inMonth = status("2024-01-10", AT_SIGNATURE, "2026-12", null, "2026-12-15");
        assertEquals(Convention.Status.INCONNU, inMonth.status());
        assertEquals("fin en décembre\u00a02026, jour non précisé", inMonth.reason());
        assertEquals(Convention.Status.TERMINEE, status("2024-01-10", AT_SIGNATURE, "2026-12", null, "2027-01-01").status());
    }

    @Test
    void aStartKnownToTheYearIsToComeOnlyBeforeThatYear() {
        assertEquals(Convention.Status.A_VENIR, status("2027", AT_SIGNATURE, "2029-12-31", null, "2026-11-25").status());
        Lifespan.Answer during = status("2027", AT_SIGNATURE, "2029-12-31", null, "2027-06-01");
        assertEquals(Convention.Status.INCONNU, during.status());
        assertEquals("prise d'effet en 2027, jour non précisé", during.reason());
    }

    @Test
    void anEndedActIsEndedEvenWithoutItsStart() {
        // The seconde convention: signing date not filled in, "jusqu'au 30 juin 2024".
        assertEquals(Convention.Status.TERMINEE, status(null, AT_SIGNATURE, "2024-06-30", null, "2026-11-25").status());
        Lifespan.Answer before = status(null, AT_SIGNATURE, "2024-06-30", null, "2023-01-01");
        assertEquals(Convention.Status.INCONNU, before.status());
        assertEquals("à compter de sa signature, date non précisée", before.reason());
    }

    @Test
    void withoutEndOrDurationTheReasonSaysSo() {
        Lifespan.Answer a = status("2020-09", Convention.Effective.UNKNOWN, null, null, "2026-11-25");
        assertEquals(Convention.Status.INCONNU, a.status());
        assertEquals("ni date de fin ni durée dans le texte", a.reason());
        Lifespan.Answer b = status(null, Convention.Effective.UNKNOWN, null, "P1Y", "2026-11-25");
        assertEquals("un\u00a0an à compter de sa prise d'effet, date non précisée", b.reason());
    }
}
