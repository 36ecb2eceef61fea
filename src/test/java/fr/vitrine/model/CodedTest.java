package fr.vitrine.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one way records' codes are parsed and unknown ones reported, on the enumerations that use it. */
class CodedTest {

    @Test
    void parsesTheCodeAsWrittenAndNothingElse() {
        assertEquals(Optional.of(Kind.DELEGATION_DE_GESTION), Coded.parse(Kind.class, " delegation-de-gestion "));
        assertEquals(Optional.empty(), Coded.parse(Kind.class, "Delegation-de-gestion"));
        assertEquals(Optional.empty(), Coded.parse(Kind.class, "Convention de partenariat"), "a label is not a code");
        assertEquals(Optional.of(Convention.Status.A_VENIR), Coded.parse(Convention.Status.class, "a-venir"));
    }

    @Test
    void eachEnumerationsOwnToleranceGoesThroughTheSameParse() {
        assertEquals(Optional.of(Party.Role.DELEGATAIRE), Party.Role.parse("Delegataire"), "accents and case");
        assertEquals(Optional.of(Funding.Credits.AE_CP), Funding.Credits.parse("ae + cp"), "case and spaces");
        assertEquals(Optional.of(Funding.Tax.UNKNOWN), Funding.Tax.parse("UNKNOWN"));
        assertEquals(Optional.empty(), Funding.Tax.parse("HTT"));
    }

    @Test
    void codesInDeclarationOrder() {
        assertEquals(List.of("impact", "usage"), Coded.codes(Measure.Kind.class), "impact first, as the pages list them");
        assertEquals(List.of("AE", "CP", "AE+CP", "unknown"), Coded.codes(Funding.Credits.class));
    }

    @Test
    void anUnknownCodeIsReportedWithTheClosestAndEveryAllowedCode() {
        assertEquals("'partenariats' is not a valid kind; did you mean 'partenariat'? (allowed: partenariat, "
                        + "delegation-de-gestion, subvention, avenant, autre, unknown)",
                Coded.unknown(Kind.class, "kind", "partenariats"));
        assertEquals("'exonéré' is not a valid tax (allowed: HT, TTC, unknown)",
                Coded.unknown(Funding.Tax.class, "tax", "exonéré"));
    }
}
