package fr.vitrine.model;


import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Totals of the funding lines of every origin (conventions, product files), by funder, budget year, product, kind of
 * act and source. Amounts stated HT, TTC or without either are kept apart and never added silently: a total over
 * several bases says so. In the programme's totals each line counts once; a line shared between products counts for
 * each of them and is marked shared. Every amount a page shows is one of these sums or a {@link Lines}.
 */
public final class MoneyTotals {

    /** A sum kept apart by tax basis. */
    public record Sum(BigDecimal ht, BigDecimal ttc, BigDecimal unstated) {
        public static final Sum ZERO = new Sum(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

        public Sum plus(Funding.Line l) {
            return switch (l.tax()) {
                case HT -> new Sum(ht.add(l.amount()), ttc, unstated);
                case TTC -> new Sum(ht, ttc.add(l.amount()), unstated);
                default -> new Sum(ht, ttc, unstated.add(l.amount()));
            };
        }

        public static Sum of(List<Catalog.Money> money) {
            Sum s = ZERO;
            for (Catalog.Money m : money) {
                s = s.plus(m.line());
            }
            return s;
        }

        /** The arithmetic total of every basis: shown only with {@link #getLabel()}'s mark when bases are mixed. */
        public BigDecimal total() {
            return ht.add(ttc).add(unstated);
        }

        /** True when the sum adds amounts of different bases (HT with TTC, or either with an unstated one). */
        public boolean isMixed() {
            return (ht.signum() != 0 ? 1 : 0) + (ttc.signum() != 0 ? 1 : 0) + (unstated.signum() != 0 ? 1 : 0) > 1;
        }

        /**
         * "475 000 € TTC", "200 000 € (HT ou TTC non précisé)", or with mixed bases "1 650 000 €, bases mêlées :
         * 475 000 € TTC + 1 175 000 € HT ou TTC non précisé".
         */
        public String getLabel() {
            List<String> parts = new ArrayList<>();
            if (ht.signum() != 0) {
                parts.add(Formats.euros(ht) + " HT");
            }
            if (ttc.signum() != 0) {
                parts.add(Formats.euros(ttc) + " TTC");
            }
            if (unstated.signum() != 0) {
                parts.add(Formats.euros(unstated) + " HT ou TTC non précisé");
            }
            if (parts.isEmpty()) {
                return Formats.euros(BigDecimal.ZERO);
            }
            if (parts.size() == 1) {
                return parts.get(0);
            }
            return Formats.euros(total()) + ", bases mêlées : " + String.join(" + ", parts);
        }
    }

    /**
     * The funding lines of one selection (the programme, a product, an organisation, an incubator, a promotion) and
     * their sum: what every page shows of money. A selection without any line reads « non recensé », never « 0 € ».
     */
    public record Lines(List<Catalog.Money> money, Sum sum) {
        /** Said of a selection that no line names. */
        public static final String UNKNOWN = "non recensé";

        public static Lines of(List<Catalog.Money> money) {
            return new Lines(List.copyOf(money), Sum.of(money));
        }

        public boolean isKnown() {
            return !money.isEmpty();
        }

        public int getCount() {
            return money.size();
        }

        /** « 2 lignes », « 1 ligne », « aucune ligne ». */
        public String getCountLabel() {
            return money.isEmpty() ? "aucune ligne" : money.size() + (money.size() > 1 ? " lignes" : " ligne");
        }

        /** The sum with its bases (« 475 000 € TTC »), or « non recensé ». */
        public String getLabel() {
            return isKnown() ? sum.getLabel() : UNKNOWN;
        }

        /** The total, or {@code null} when no line is known: « non recensé » in data, never 0 €. */
        public BigDecimal knownTotal() {
            return isKnown() ? sum.total() : null;
        }

        /** The sum in short, for tables and cards (« 475 000 € »), or « non recensé ». */
        public String getAmount() {
            return isKnown() ? Formats.euros(sum.total()) : UNKNOWN;
        }

        /** Its lines that conventions give. */
        public Lines getFromConventions() {
            return of(money.stream().filter(m -> !m.isFromProductFile()).toList());
        }

        /** Its lines that product files give (FAST). */
        public Lines getFromProductFiles() {
            return of(money.stream().filter(Catalog.Money::isFromProductFile).toList());
        }

        /** Where the lines come from: « conventions », « fiche produit : FAST », or both joined by « et ». */
        public String getOrigins() {
            List<String> origins = money.stream()
                    .map(m -> m.isFromProductFile() ? "fiche produit : FAST" : "conventions")
                    .distinct().sorted().toList();
            return String.join(" et ", origins);
        }
    }

    /**
     * One row of a breakdown: its label, the site path of its page (or {@code null}), its sum, its number of lines, and
     * the part of its sum on lines it shares with other rows (products only).
     */
    public record Row(String label, String path, Sum sum, int lines, Sum sharedSum) {
        public boolean isShared() {
            return sharedSum.total().signum() != 0;
        }
    }

    private final Catalog catalog;

    public MoneyTotals(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Every line once, of every origin. */
    public Sum total() {
        return Sum.of(catalog.money());
    }

    public int lineCount() {
        return catalog.money().size();
    }

    /** By funder: an organisation, a fund named by the text (FAST), or "financeur non précisé"; largest first. */
    public List<Row> byFunder() {
        return largestFirst(group(m -> m.line().from() != null ? "o:" + m.line().from()
                : m.line().fund() != null ? "f:" + m.line().fund() : "", key -> key.startsWith("o:")
                ? new String[] {catalog.organisationName(key.substring(2)), catalog.organisationPath(key.substring(2))}
                : new String[] {key.startsWith("f:") ? key.substring(2) : "Financeur non précisé", null}));
    }

    /** By budget year (else the year the funded period starts), oldest first, "non précisée" last. */
    public List<Row> byYear() {
        List<Row> rows = new ArrayList<>(group(m -> {
            Integer y = year(m.line());
            return y == null ? "~" : String.valueOf(y);
        }, key -> new String[] {key.equals("~") ? "Année non précisée" : key, null}));
        rows.sort(Comparator.comparing(Row::label));
        return rows;
    }

    /** By kind of act, largest first. */
    public List<Row> byKind() {
        return largestFirst(group(m -> m.isFromProductFile() ? "" : m.convention().kind().name(),
                key -> key.isEmpty() ? new String[] {"Sans acte publié : fiche produit", null}
                        : new String[] {Kind.valueOf(key).label, "/conventions/type/" + Kind.valueOf(key).slug() + "/"}));
    }

    /**
     * By source of the record: the published text of the act, or the text of another act that mentions it (records
     * without text), or neither; or a product file.
     */
    public List<Row> bySource() {
        return largestFirst(group(m -> {
            Convention c = m.convention();
            return c == null ? "*" : c.hasText() ? "" : c.source().citedIn() != null
                    ? c.source().citedIn() : "~";
        }, key -> key.isEmpty() ? new String[] {"Texte de la convention, publié", null}
                : key.equals("~") ? new String[] {"Fiche sans texte ni source citée", null}
                : key.equals("*") ? new String[] {"Fiche produit beta.gouv.fr (FAST)", null}
                : new String[] {"Mentionné dans : " + catalog.convention(key).title(), "/conventions/" + key + "/"}));
    }

    /**
     * By product: the lines assigned to it and those of its conventions that do not split the money (shared with the
     * convention's other products, and marked so); largest first. These rows overlap: their sum may exceed the total.
     */
    public List<Row> byProduct() {
        List<Row> rows = new ArrayList<>();
        for (Product p : catalog.products()) {
            List<Catalog.Money> money = catalog.moneyOfProduct(p.id());
            if (money.isEmpty()) {
                continue;
            }
            List<Catalog.Money> shared = money.stream().filter(m -> !catalog.sharedWith(m, p.id()).isEmpty()).toList();
            rows.add(new Row(p.title(), p.path(), Sum.of(money), money.size(), Sum.of(shared)));
        }
        return largestFirst(rows);
    }

    /** The line's budget year, else the year its funded period starts, else {@code null}. */
    public static Integer year(Funding.Line l) {
        return l.year() != null ? l.year() : l.start() != null ? Integer.valueOf(l.start().year()) : null;
    }

    private List<Row> group(Function<Catalog.Money, String> key, Function<String, String[]> labelAndPath) {
        Map<String, List<Catalog.Money>> groups = new LinkedHashMap<>();
        for (Catalog.Money m : catalog.money()) {
            groups.computeIfAbsent(key.apply(m), k -> new ArrayList<>()).add(m);
        }
        List<Row> rows = new ArrayList<>();
        groups.forEach((k, money) -> {
            String[] lp = labelAndPath.apply(k);
            rows.add(new Row(lp[0], lp[1], Sum.of(money), money.size(), Sum.ZERO));
        });
        return rows;
    }

    private static List<Row> largestFirst(List<Row> rows) {
        return rows.stream().sorted(Comparator.comparing((Row r) -> r.sum().total()).reversed()
                .thenComparing(r -> Text.fold(r.label()))).toList();
    }
}
