package fr.vitrine.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import fr.vitrine.model.Catalog;
import fr.vitrine.model.Convention;
import fr.vitrine.model.Funding;
import fr.vitrine.model.Party;
import fr.vitrine.model.PartialDate;
import fr.vitrine.model.Person;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A convention's structured record as JSON, as published beside its page. Unknown values are {@code null}. */
public final class RecordJson {

    private static final ObjectWriter WRITER = new ObjectMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private RecordJson() {
    }

    public static String write(Object tree) {
        try {
            return WRITER.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A map keeping its keys in the order given (JSON output must not depend on hash order). */
    public static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    public static Map<String, Object> convention(Convention c, Catalog catalog) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("title", c.title());
        m.put("kind", c.kind().code);
        m.put("parent", c.parent());
        m.put("signed", iso(c.signed()));
        m.put("effective", c.effective().date() != null ? c.effective().date().iso() : c.effective().event());
        m.put("ends", iso(c.ends()));
        m.put("duration", c.duration() == null ? null : c.duration().toString());
        m.put("status", c.status(catalog.today()).code);
        m.put("summary", c.summary());
        m.put("parties", c.parties().stream().map(RecordJson::party).toList());
        m.put("products", c.products());
        m.put("total", amount(c.total()));
        m.put("funding", c.funding().stream().map(RecordJson::line).toList());
        m.put("obligations", c.obligations().stream().map(o -> {
            Map<String, Object> om = new LinkedHashMap<>();
            om.put("type", o.type().code);
            om.put("article", o.article());
            om.put("text", o.text());
            om.put("ends", o.ends() == null ? null : o.ends().iso());
            om.put("by", o.by());
            om.put("by_basis", o.byBasis());
            return om;
        }).toList());
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("text", c.source().text());
        source.put("pdf", c.source().pdf());
        source.put("data_gouv", c.source().dataGouv());
        source.put("cited_in", c.source().citedIn());
        source.put("excerpt", c.source().excerpt());
        m.put("source", source);
        return m;
    }

    private static Map<String, Object> party(Party p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("org", p.org());
        m.put("role", p.role().code);
        m.put("representative", person(p.representative()));
        m.put("signatory", person(p.signatory()));
        return m;
    }

    private static Map<String, Object> person(Person p) {
        if (p == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("title", p.title());
        return m;
    }

    private static Map<String, Object> line(Funding.Line l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", l.from());
        m.put("to", l.to());
        m.put("fund", l.fund());
        m.put("amount", amount(l.amount()));
        m.put("tax", l.tax() == Funding.Tax.UNKNOWN ? null : l.tax().name());
        m.put("credits", l.credits() == Funding.Credits.UNKNOWN ? null : l.credits().code);
        m.put("year", l.year());
        m.put("period_start", iso(l.start()));
        m.put("period_end", iso(l.end()));
        m.put("product", l.product());
        Funding.Imputation i = l.imputation();
        if (i != null) {
            Map<String, Object> im = new LinkedHashMap<>();
            im.put("programme", i.programme());
            im.put("fonds_de_concours", i.fondsDeConcours());
            im.put("bop", i.bop());
            im.put("uo", i.uo());
            im.put("centre_financier", i.centreFinancier());
            im.put("domaine_fonctionnel", i.domaineFonctionnel());
            im.put("activite", i.activite());
            im.put("centre_de_cout", i.centreDeCout());
            m.put("imputation", im);
        } else {
            m.put("imputation", null);
        }
        List<Map<String, Object>> schedule = l.schedule().stream().map(s -> {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("credit", s.credit() == Funding.Credits.UNKNOWN ? null : s.credit().code);
            sm.put("when", s.when());
            sm.put("amount", amount(s.amount()));
            sm.put("maximum", s.maximum());
            sm.put("note", s.note());
            return sm;
        }).toList();
        m.put("schedule", schedule);
        m.put("note", l.note());
        return m;
    }

    static String iso(PartialDate d) {
        return d == null ? null : d.iso();
    }

    /** Amounts as JSON numbers without exponent: 475000, 1234.5. */
    static BigDecimal amount(BigDecimal a) {
        BigDecimal s = a.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
