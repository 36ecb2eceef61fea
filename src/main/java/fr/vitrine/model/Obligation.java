package fr.vitrine.model;

import java.util.List;

/**
 * A commitment a convention puts on its parties.
 *
 * @param article where the text says it ("Article 2"), or {@code null}
 * @param text    the words of the text, quoted
 * @param ends    its own term when the text gives one ("jusqu'au 31 décembre 2025"), else {@code null}: it then lasts
 *                as long as its act
 * @param by      the parties (organisation ids) that owe it; empty when neither the sentence nor its context says
 * @param byBasis {@code null} when the sentence names {@code by}; else why {@code by} is inferred from the context
 *                (in French, shown after the party as « (déduit du contexte : …) »)
 */
public record Obligation(Type type, String article, String text, PartialDate ends, List<String> by, String byBasis) {

    public Obligation {
        by = by == null ? List.of() : List.copyOf(by);
    }

    public Obligation(Type type, String article, String text) {
        this(type, article, text, null, List.of(), null);
    }

    public Obligation(Type type, String article, String text, PartialDate ends) {
        this(type, article, text, ends, List.of(), null);
    }

    public enum Type implements Coded {
        STATS_PAGE("stats-page", "Page publique de statistiques d'impact (/stats)"),
        OPEN_SOURCE("open-source", "Code source publié en open source"),
        FRANCECONNECT("franceconnect", "Intégration de FranceConnect pour l'authentification"),
        JE_DONNE_MON_AVIS("je-donne-mon-avis", "Bouton « Je donne mon avis » pour les démarches en ligne"),
        RISK_ANALYSIS("risk-analysis", "Ateliers d'analyse de risques (démarche DINUM et ANSSI)"),
        RGPD("rgpd", "Protection des données personnelles (RGPD)"),
        PUBLICATION("publication", "Publication de la convention sur data.gouv.fr"),
        PRODUCT_SHEET("product-sheet", "Fiche produit à jour sur beta.gouv.fr"),
        INVESTMENT_COMMITTEE("investment-committee", "Comité d'investissement tous les six mois"),
        MANIFESTO("manifesto", "Respect du manifeste beta.gouv.fr"),
        INTRAPRENEUR("intrapreneur", "Désignation d'un intrapreneur"),
        SUPPORT("support", "Accompagnement de l'équipe (coaching, développement, déploiement, design)"),
        CONFLICT_OF_INTEREST("conflict-of-interest", "Experts sans lien d'intérêts avec le service"),
        DELEGATED_MANAGEMENT("delegated-management", "Gestion des crédits délégués (ordonnateur, Chorus)"),
        PROCUREMENT("procurement", "Passation et exécution des marchés nécessaires au projet"),
        SPENDING_REPORT("spending-report", "Compte rendu des dépenses et de l'avancement des travaux"),
        CREDITS_NOTICE("credits-notice", "Information des délégants sur les crédits insuffisants ou non consommés"),
        COMMUNITY("community", "Intégration de l'équipe à la communauté beta.gouv.fr"),
        TRANSFORMATION("transformation", "Accompagnement des délégants dans leur transformation"),
        OTHER("other", "Autre engagement");

        public final String code;
        public final String label;

        Type(String code, String label) {
            this.code = code;
            this.label = label;
        }

        @Override
        public String code() {
            return code;
        }

        @Override
        public String label() {
            return label;
        }
    }
}
