package fr.vitrine.render;

import fr.vitrine.model.Catalog;
import fr.vitrine.model.Convention;
import fr.vitrine.model.MoneyTotals;

import java.util.List;

/**
 * The home page: the programme in figures and the ways in (search, the latest conventions, the largest funders, the
 * products by phase), each bounded in size whatever the number of records.
 *
 * @param funded products that at least one funding line names
 */
public record HomeView(MoneyTotals.Lines funding, int funded, List<Convention> latest, List<MoneyTotals.Row> funders,
                       int moreFunders, List<ProgrammeView.PhaseRow> phases) {

    /** Conventions and funders shown, at most. */
    static final int SHOWN = 5;

    public static HomeView of(Catalog catalog) {
        List<MoneyTotals.Row> funders = new MoneyTotals(catalog).byFunder();
        return new HomeView(catalog.funding(), catalog.fundedProducts().size(), catalog.latest(SHOWN),
                funders.subList(0, Math.min(SHOWN, funders.size())), Math.max(0, funders.size() - SHOWN),
                ProgrammeView.phases(catalog));
    }
}
