package fr.vitrine.render;

import fr.vitrine.model.Formats;
import fr.vitrine.model.French;
import fr.vitrine.model.Organisation;
import fr.vitrine.model.PartialDate;
import fr.vitrine.model.Urls;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;

/** Filters and functions the templates use: French formats and links that work under any base path. */
final class SiteExtension extends AbstractExtension {

    /** Template variable holding the site path of the page being rendered. */
    static final String PAGE_PATH = "pagePath";
    static final String BASE_URL = "baseUrl";
    /** True when links to folders name their index.html, for a site opened from the disk. */
    static final String FILE_LINKS = "fileLinks";

    @Override
    public Map<String, Filter> getFilters() {
        return Map.of(
                "euros", filter(v -> Formats.euros(toDecimal(v))),
                "number", filter(v -> v == null ? "" : Formats.number(toDecimal(v))),
                "date_fr", filter(SiteExtension::date),
                "duration", filter(v -> Formats.duration((Period) v)),
                "filesize", filter(v -> Formats.fileSize(((Number) v).longValue())),
                // "d'UrbanVitaliz", "de la DINUM", "du Cerema"
                "de", filter(v -> v instanceof Organisation o ? o.ofName() : French.de(String.valueOf(v))),
                // "la DINUM", "le Cerema"
                "the", filter(v -> v instanceof Organisation o ? o.theName() : String.valueOf(v)));
    }

    @Override
    public Map<String, Function> getFunctions() {
        return Map.of(
                "url", function(List.of("path"), (args, ctx) -> {
                    String link = Urls.link((String) ctx.getVariable(PAGE_PATH), String.valueOf(args.get("path")),
                            (String) ctx.getVariable(BASE_URL));
                    return Boolean.TRUE.equals(ctx.getVariable(FILE_LINKS)) ? Urls.toFile(link) : link;
                }),
                // The sum of funding lines, kept apart by HT/TTC basis.
                "sum", function(List.of("money"), (args, ctx) ->
                        fr.vitrine.model.MoneyTotals.Sum.of(moneyList(args.get("money")))),
                "absolute", function(List.of("path"), (args, ctx) ->
                        Urls.absolute((String) ctx.getVariable(BASE_URL), String.valueOf(args.get("path")))));
    }

    @SuppressWarnings("unchecked")
    private static List<fr.vitrine.model.Catalog.Money> moneyList(Object v) {
        return (List<fr.vitrine.model.Catalog.Money>) v;
    }

    private static String date(Object v) {
        if (v instanceof PartialDate d) {
            return Formats.date(d);
        }
        if (v instanceof LocalDate d) {
            return Formats.date(d);
        }
        return v == null ? Formats.date((PartialDate) null) : v.toString();
    }

    private static BigDecimal toDecimal(Object v) {
        if (v == null) {
            return null;
        }
        return v instanceof BigDecimal b ? b : new BigDecimal(v.toString());
    }

    private static Filter filter(java.util.function.Function<Object, Object> f) {
        return new Filter() {
            @Override
            public Object apply(Object input, Map<String, Object> args, PebbleTemplate self,
                                EvaluationContext context, int lineNumber) {
                return f.apply(input);
            }

            @Override
            public List<String> getArgumentNames() {
                return List.of();
            }
        };
    }

    private interface Body {
        Object apply(Map<String, Object> args, EvaluationContext context);
    }

    private static Function function(List<String> names, Body body) {
        return new Function() {
            @Override
            public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                                  int lineNumber) {
                return body.apply(args, context);
            }

            @Override
            public List<String> getArgumentNames() {
                return names;
            }
        };
    }
}
