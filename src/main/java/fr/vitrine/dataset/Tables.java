package fr.vitrine.dataset;

import fr.vitrine.dataset.Table.Field;
import fr.vitrine.dataset.Table.ForeignKey;
import fr.vitrine.model.Catalog;
import fr.vitrine.model.Coded;
import fr.vitrine.model.Convention;
import fr.vitrine.model.Engagement;
import fr.vitrine.model.EvidenceCheck;
import fr.vitrine.model.Funding;
import fr.vitrine.model.Kind;
import fr.vitrine.model.Obligation;
import fr.vitrine.model.Incubator;
import fr.vitrine.model.Organisation;
import fr.vitrine.model.PartialDate;
import fr.vitrine.model.Party;
import fr.vitrine.model.Person;
import fr.vitrine.model.Product;
import fr.vitrine.model.Standard;
import fr.vitrine.read.ImpactCsv;
import fr.vitrine.read.SiteConfig;
import fr.vitrine.validate.ImpactRows;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The datasets Vitrine publishes, their columns (names without accents or spaces, stable; titles and descriptions
 * in French) and their rows drawn from the catalog.
 */
public final class Tables {

    /** A table and its rows; each row has one value per field (String, BigDecimal, Integer, Boolean or null). */
    public record Data(Table table, List<Object[]> rows) {
    }

    static final String PARTIAL_DATE = "\\d{4}(-\\d{2}(-\\d{2})?)?";
    static final String ID = "[a-z0-9]+(-[a-z0-9]+)*";
    static final String PARTIAL_DATE_NOTE = " Date ISO 8601 : AAAA-MM-JJ, ou AAAA-MM, ou AAAA quand le texte ne donne "
            + "que le mois ou l'année ; vide quand le texte ne la donne pas.";

    public static final String IMPACT_SCHEMA =
            "https://schema.data.gouv.fr/schemas/etalab/schema-impact-service-public-numerique/0.5.0/schema.json";

    private Tables() {
    }

    /** The tables built from the catalog (indicators excepted: they are streamed from their files). */
    public static List<Data> of(Catalog catalog, String baseUrl, SiteConfig config) {
        List<Data> tables = new ArrayList<>(List.of(conventions(catalog, baseUrl), fundingLines(catalog),
                installments(catalog), parties(catalog), products(catalog, baseUrl),
                organisations(catalog, baseUrl, config), engagements(catalog, baseUrl)));
        if (!catalog.incubators().isEmpty()) {
            tables.add(incubators(catalog, baseUrl));
        }
        return List.copyOf(tables);
    }

    static Data conventions(Catalog catalog, String baseUrl) {
        Table t = new Table("conventions", "Conventions",
                "Une ligne par convention, avenant ou acte de financement, avec son montant total.",
                List.of(Field.of("id", "string", "Identifiant", "Identifiant stable de la convention (adresse de sa page).")
                                .mandatory().uniqueValues().matching(ID),
                        Field.of("titre", "string", "Titre", "Intitulé de la convention.").mandatory(),
                        Field.of("type", "string", "Type d'acte", "partenariat, delegation-de-gestion, subvention, avenant, "
                                + "autre, ou inconnu quand la source ne le précise pas.").mandatory().among(Kind.datasetCodes()),
                        Field.of("acte_modifie", "string", "Acte modifié", "Pour un avenant : identifiant de la convention qu'il modifie."),
                        Field.of("date_signature", "string", "Date de signature", "Date à laquelle l'acte a été signé." + PARTIAL_DATE_NOTE).matching(PARTIAL_DATE),
                        Field.of("prise_effet", "string", "Prise d'effet", "Date de prise d'effet, ou l'événement qui la fixe "
                                + "(signature, publication) ; vide si inconnue.").matching(PARTIAL_DATE + "|signature|publication"),
                        Field.of("date_fin", "string", "Date de fin", "Date de fin donnée par le texte." + PARTIAL_DATE_NOTE).matching(PARTIAL_DATE),
                        Field.of("duree", "string", "Durée", "Durée donnée par le texte, au format ISO 8601 (P1Y pour un an).")
                                .matching("P(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?"),
                        Field.of("statut", "string", "Statut", "en-vigueur, a-venir, terminee, ou inconnu quand les dates ne "
                                + "permettent pas de le dire, à la date de publication.").mandatory()
                                .among(Arrays.stream(Convention.Status.values()).map(s -> s.code).toList()),
                        Field.of("montant_total", "number", "Montant total (euros)", "Somme des lignes de financement, en euros, "
                                + "HT ou TTC selon les lignes.").mandatory().between(0.0, null),
                        Field.of("montant_total_texte", "number", "Montant total déclaré (euros)", "Total que le texte énonce, "
                                + "quand il en énonce un ; égal à montant_total.").between(0.0, null),
                        Field.of("nombre_lignes", "integer", "Nombre de lignes de financement", "Nombre de lignes dans le jeu lignes-financement.")
                                .mandatory().between(0.0, null),
                        Field.of("financeurs", "string", "Financeurs", "Identifiants des organisations qui financent, séparés par « ; »."),
                        Field.of("produits", "string", "Produits", "Identifiants des produits financés, séparés par « ; »."),
                        Field.of("obligation_page_stats", "boolean", "Oblige à publier des statistiques",
                                "Vrai quand le texte oblige à publier une page /stats d'indicateurs d'impact.").mandatory(),
                        Field.of("texte_publie", "boolean", "Texte publié", "Vrai quand le texte intégral est publié sur le site.").mandatory(),
                        Field.of("cite_dans", "string", "Mentionné dans", "Pour un acte sans texte : identifiant de la convention "
                                + "dont le texte le mentionne."),
                        Field.of("url", "string", "Page", "Adresse de la page de la convention.").mandatory()),
                List.of("id"),
                List.of(new ForeignKey(List.of("acte_modifie"), "conventions", List.of("id")),
                        new ForeignKey(List.of("cite_dans"), "conventions", List.of("id"))),
                null, null);
        List<Object[]> rows = new ArrayList<>();
        for (Convention c : catalog.conventions()) {
            rows.add(new Object[] {c.id(), c.title(), c.kind().datasetCode(), c.parent(), iso(c.signed()),
                    c.effective().date() != null ? c.effective().date().iso() : c.effective().event(), iso(c.ends()),
                    c.duration() == null ? null : c.duration().toString(), c.status(catalog.today()).code,
                    c.total(), c.statedTotal(), c.funding().size(),
                    join(c.funders().stream().filter(Objects::nonNull).toList()), join(c.products()),
                    c.requires(Obligation.Type.STATS_PAGE), c.hasText(), c.source().citedIn(),
                    baseUrl + "conventions/" + c.id() + "/"});
        }
        return new Data(t, rows);
    }

    /** Values of lignes-financement's origine column. */
    static final String ORIGIN_CONVENTION = "convention";
    static final String ORIGIN_PRODUCT_FILE = "fiche-produit";

    static Data fundingLines(Catalog catalog) {
        return fundingLines(catalog, m -> true);
    }

    /** The funding lines {@code selected} keeps, in the dataset's order (one organisation's, one product's). */
    public static Data fundingLines(Catalog catalog, java.util.function.Predicate<Catalog.Money> selected) {
        Table t = new Table("lignes-financement", "Lignes de financement",
                "Une ligne par ligne de financement d'une convention : qui verse combien à qui, pour quelle année, "
                        + "sur quels crédits et quelle imputation budgétaire ; et une ligne par financement FAST que "
                        + "donne la fiche d'un produit sur beta.gouv.fr (colonne origine).",
                List.of(Field.of("convention_id", "string", "Convention", "Identifiant de la convention ; vide pour une "
                                + "ligne tirée d'une fiche produit beta.gouv.fr."),
                        Field.of("numero_ligne", "integer", "Numéro de ligne", "Rang de la ligne dans la convention, à partir de 1.")
                                .mandatory().between(1.0, null),
                        Field.of("financeur_id", "string", "Financeur", "Identifiant de l'organisation qui verse ; vide si le texte ne le dit pas."),
                        Field.of("financeur", "string", "Nom du financeur", "Nom de l'organisation qui verse."),
                        Field.of("beneficiaire_id", "string", "Bénéficiaire", "Identifiant de l'organisation qui reçoit ; vide si le texte ne le dit pas."),
                        Field.of("beneficiaire", "string", "Nom du bénéficiaire", "Nom de l'organisation qui reçoit."),
                        Field.of("fonds", "string", "Fonds ou plan", "Fonds ou plan d'où vient l'argent quand ce n'est pas une organisation (FAST, France Relance)."),
                        Field.of("montant", "number", "Montant (euros)", "Montant de la ligne, en euros.").mandatory().between(0.0, null),
                        Field.of("ht_ttc", "string", "HT ou TTC", "HT, TTC, ou vide quand le texte ne le précise pas.").among(List.of("HT", "TTC")),
                        Field.of("annee", "integer", "Année budgétaire", "Année budgétaire de la ligne, si le texte la donne."),
                        Field.of("credits", "string", "Crédits", "AE (autorisations d'engagement), CP (crédits de paiement), AE+CP, ou vide.")
                                .among(List.of("AE", "CP", "AE+CP")),
                        Field.of("periode_debut", "string", "Début de la période financée", "Premier mois ou premier jour que finance la ligne." + PARTIAL_DATE_NOTE).matching(PARTIAL_DATE),
                        Field.of("periode_fin", "string", "Fin de la période financée", "Dernier mois ou dernier jour que finance la ligne." + PARTIAL_DATE_NOTE).matching(PARTIAL_DATE),
                        Field.of("produit_id", "string", "Produit", "Produit financé par cette ligne quand la convention en finance plusieurs et répartit l'argent."),
                        Field.of("programme", "string", "Programme budgétaire", "Numéro du programme (LOLF) imputé."),
                        Field.of("fonds_de_concours", "string", "Fonds de concours", "Numéro du fonds de concours."),
                        Field.of("bop", "string", "BOP", "Budget opérationnel de programme."),
                        Field.of("uo", "string", "Unité opérationnelle", "Unité opérationnelle (UO) Chorus."),
                        Field.of("centre_financier", "string", "Centre financier", "Centre financier Chorus."),
                        Field.of("domaine_fonctionnel", "string", "Domaine fonctionnel", "Domaine fonctionnel Chorus."),
                        Field.of("activite", "string", "Activité", "Code d'activité Chorus."),
                        Field.of("centre_de_cout", "string", "Centre de coût", "Centre de coût Chorus."),
                        Field.of("note", "string", "Précision", "Précision donnée par le texte."),
                        Field.of("origine", "string", "Origine de la ligne", "D'où vient la ligne : convention (le "
                                + "texte d'une convention publiée ici) ou fiche-produit (le champ fast de la fiche du "
                                + "produit sur beta.gouv.fr, qui donne le montant d'un financement FAST et sa promotion).")
                                .mandatory().among(List.of(ORIGIN_CONVENTION, ORIGIN_PRODUCT_FILE)),
                        Field.of("origine_id", "string", "Identifiant de l'origine", "Identifiant de la convention, ou "
                                + "du produit dont la fiche donne la ligne.").mandatory()),
                List.of("origine", "origine_id", "numero_ligne"),
                List.of(new ForeignKey(List.of("convention_id"), "conventions", List.of("id")),
                        new ForeignKey(List.of("financeur_id"), "organisations", List.of("id")),
                        new ForeignKey(List.of("beneficiaire_id"), "organisations", List.of("id")),
                        new ForeignKey(List.of("produit_id"), "produits", List.of("id"))),
                null, null);
        List<Object[]> rows = new ArrayList<>();
        for (Catalog.Money m : catalog.conventionMoney().stream().filter(selected).toList()) {
            Funding.Line l = m.line();
            Funding.Imputation i = l.imputation() == null
                    ? new Funding.Imputation(null, null, null, null, null, null, null, null, null) : l.imputation();
            rows.add(new Object[] {m.convention().id(), l.index() + 1, l.from(), name(catalog, l.from()), l.to(),
                    name(catalog, l.to()), l.fund(), l.amount(), l.tax() == Funding.Tax.UNKNOWN ? null : l.tax().name(),
                    l.year(), l.credits() == Funding.Credits.UNKNOWN ? null : l.credits().code, iso(l.start()), iso(l.end()),
                    l.product(), i.programme(), i.fondsDeConcours(), i.bop(), i.uo(), i.centreFinancier(),
                    i.domaineFonctionnel(), i.activite(), i.centreDeCout(), join(l.note(), i.note()),
                    ORIGIN_CONVENTION, m.convention().id()});
        }
        for (Catalog.Money m : catalog.productFileMoney().stream().filter(selected).toList()) {
            Funding.Line l = m.line();
            rows.add(new Object[] {null, 1, null, null, null, null, l.fund(), l.amount(), null, null, null, null, null,
                    l.product(), null, null, null, null, null, null, null, null, l.note(), ORIGIN_PRODUCT_FILE,
                    m.productFile().id()});
        }
        return new Data(t, rows);
    }

    static Data installments(Catalog catalog) {
        Table t = new Table("echeances", "Échéancier des versements",
                "Une ligne par échéance de versement ou d'engagement prévue par une ligne de financement.",
                List.of(Field.of("convention_id", "string", "Convention", "Identifiant de la convention.").mandatory(),
                        Field.of("numero_ligne", "integer", "Numéro de ligne", "Ligne de financement concernée.").mandatory().between(1.0, null),
                        Field.of("numero_echeance", "integer", "Numéro d'échéance", "Rang de l'échéance dans la ligne, à partir de 1.")
                                .mandatory().between(1.0, null),
                        Field.of("credits", "string", "Crédits", "AE, CP, ou vide.").among(List.of("AE", "CP")),
                        Field.of("echeance", "string", "Échéance", "Date (AAAA-MM-JJ, AAAA-MM ou AAAA) ou événement (signature, publication).")
                                .mandatory().matching(PARTIAL_DATE + "|signature|publication|unknown"),
                        Field.of("montant", "number", "Montant (euros)", "Montant de l'échéance.").mandatory().between(0.0, null),
                        Field.of("maximum", "boolean", "Montant maximal", "Vrai quand le texte donne ce montant comme un plafond.").mandatory(),
                        Field.of("note", "string", "Précision", "Précision donnée par le texte.")),
                List.of("convention_id", "numero_ligne", "numero_echeance"),
                List.of(new ForeignKey(List.of("convention_id", "numero_ligne"), "lignes-financement",
                        List.of("convention_id", "numero_ligne"))),
                null, null);
        List<Object[]> rows = new ArrayList<>();
        for (Catalog.Money m : catalog.conventionMoney()) {
            List<Funding.Installment> schedule = m.line().schedule();
            for (int i = 0; i < schedule.size(); i++) {
                Funding.Installment s = schedule.get(i);
                rows.add(new Object[] {m.convention().id(), m.line().index() + 1, i + 1,
                        s.credit() == Funding.Credits.UNKNOWN ? null : s.credit().code, s.when(), s.amount(), s.maximum(), s.note()});
            }
        }
        return new Data(t, rows);
    }

    static Data parties(Catalog catalog) {
        Table t = new Table("parties", "Parties aux conventions",
                "Une ligne par partie signataire d'une convention, avec son rôle et la personne qui la représente.",
                List.of(Field.of("convention_id", "string", "Convention", "Identifiant de la convention.").mandatory(),
                        Field.of("organisation_id", "string", "Organisation", "Identifiant de l'organisation partie.").mandatory(),
                        Field.of("organisation", "string", "Nom de l'organisation", "Nom de l'organisation.").mandatory(),
                        Field.of("role", "string", "Rôle", "Rôle de la partie.").mandatory()
                                .among(Arrays.stream(Party.Role.values()).map(r -> r.code).toList()),
                        Field.of("representant", "string", "Représentant", "Personne qui représente la partie selon le texte."),
                        Field.of("representant_fonction", "string", "Fonction du représentant", "Sa fonction, telle que le texte la donne."),
                        Field.of("signataire", "string", "Signataire", "Personne qui a signé, quand le texte en nomme une autre."),
                        Field.of("signataire_fonction", "string", "Fonction du signataire", "Sa fonction, telle que le texte la donne.")),
                List.of("convention_id", "organisation_id", "role"),
                List.of(new ForeignKey(List.of("convention_id"), "conventions", List.of("id")),
                        new ForeignKey(List.of("organisation_id"), "organisations", List.of("id"))),
                null, null);
        List<Object[]> rows = new ArrayList<>();
        for (Convention c : catalog.conventions()) {
            for (Party p : c.parties()) {
                rows.add(new Object[] {c.id(), p.org(), catalog.organisation(p.org()).name(), p.role().code,
                        personName(p.representative()), personTitle(p.representative()),
                        personName(p.signatory()), personTitle(p.signatory())});
            }
        }
        return new Data(t, rows);
    }

    static Data products(Catalog catalog, String baseUrl) {
        return products(catalog, baseUrl, catalog.products());
    }

    /** The rows of these products (a facet value's selection), in their order. */
    public static Data products(Catalog catalog, String baseUrl, List<Product> selected) {
        Table t = new Table("produits", "Produits",
                "Une ligne par service public numérique, avec sa phase actuelle, ses financements recensés et l'état de "
                        + "publication de ses statistiques d'impact.",
                List.of(Field.of("id", "string", "Identifiant", "Identifiant du produit (celui de sa fiche beta.gouv.fr quand elle existe).")
                                .mandatory().uniqueValues(),
                        Field.of("titre", "string", "Nom", "Nom du produit.").mandatory(),
                        Field.of("mission", "string", "Mission", "Mission du produit."),
                        Field.of("incubateur", "string", "Incubateur", "Identifiant de l'incubateur beta.gouv.fr "
                                + "(celui du jeu incubateurs quand il est publié)."),
                        Field.of("nom_incubateur", "string", "Nom de l'incubateur", "Nom de l'incubateur."),
                        Field.of("phase_actuelle", "string", "Phase actuelle", "Phase en cours à la date de publication, "
                                + "dans le vocabulaire de beta.gouv.fr (investigation, construction, acceleration, "
                                + "transfer, success, opere, alumni, abandon…)."),
                        Field.of("debut_phase_actuelle", "date", "Début de la phase actuelle", "Date de début de la phase en cours (AAAA-MM-JJ)."),
                        Field.of("fin_derniere_phase", "date", "Fin de la dernière phase", "Quand aucune phase n'est en "
                                + "cours parce que la dernière commencée est terminée : sa date de fin (AAAA-MM-JJ, premier "
                                + "jour possible quand la fiche ne donne que le mois ou l'année)."),
                        Field.of("sponsors", "string", "Sponsors", "Identifiants des organisations sponsors, séparés par « ; »."),
                        Field.of("site", "string", "Site", "Adresse du service."),
                        Field.of("depot_code", "string", "Code source", "Adresse du dépôt de code."),
                        Field.of("url_stats_declaree", "string", "Page de statistiques déclarée", "Page /stats que le produit déclare."),
                        Field.of("statistiques_publiees", "boolean", "Statistiques publiées", "Vrai quand le produit publie ses "
                                + "indicateurs d'impact au format du schéma impact d'un service public numérique.").mandatory(),
                        Field.of("obligation_page_stats", "boolean", "Obligé de publier des statistiques", "Vrai quand une "
                                + "de ses conventions l'oblige à publier une page /stats.").mandatory(),
                        Field.of("montant_recense", "number", "Financements recensés (euros)", "Somme des lignes de "
                                + "financement de ses conventions et, quand sa fiche beta.gouv.fr le donne, de son "
                                + "financement FAST ; une ligne partagée entre plusieurs produits compte pour chacun. "
                                + "Vide quand aucune ligne de financement du produit n'est recensée (et non 0 €).").between(0.0, null),
                        Field.of("nombre_conventions", "integer", "Nombre de conventions", "Nombre de conventions qui "
                                + "le citent parmi leurs produits.").mandatory().between(0.0, null),
                        Field.of("url", "string", "Page", "Adresse de la page du produit.").mandatory()),
                List.of("id"), List.of(), null, null);
        List<Object[]> rows = new ArrayList<>();
        for (Product p : selected) {
            Product.Phase phase = p.currentPhase(catalog.today());
            rows.add(new Object[] {p.id(), p.title(), p.mission(), p.incubator(), catalog.incubatorName(p), phase == null ? null : phase.name(),
                    phase == null ? null : isoDay(phase.start()), isoDay(p.phasesEndedOn(catalog.today())),
                    join(p.sponsors()), p.link(), p.repository(),
                    p.statsUrl(), catalog.hasMetrics(p.id()), !catalog.requiringStats(p.id()).isEmpty(),
                    catalog.fundingOfProduct(p.id()).knownTotal(), catalog.conventionsOfProduct(p.id()).size(),
                    baseUrl + p.path().substring(1)});
        }
        return new Data(t, rows);
    }

    static Data engagements(Catalog catalog, String baseUrl) {
        Table t = new Table("engagements", "Engagements des produits",
                "Une ligne par produit et par engagement du programme (statistiques publiques, code source ouvert, "
                        + "déclaration d'accessibilité…) : ce que déclare la fiche du produit, l'adresse du "
                        + "justificatif quand elle est donnée, et ce qu'a trouvé la dernière vérification de cette adresse.",
                List.of(Field.of("produit_id", "string", "Produit", "Identifiant du produit.").mandatory(),
                        Field.of("engagement_id", "string", "Engagement", "Identifiant de l'engagement (engagements.yml).")
                                .mandatory().among(catalog.standards().stream().map(Standard::id).toList()),
                        Field.of("engagement", "string", "Nom de l'engagement", "Nom de l'engagement.").mandatory(),
                        Field.of("statut", "string", "Statut", "Ce que dit la fiche du produit : justificatif (une "
                                + "adresse est donnée), declare (déclaré sans adresse), partiel (déclaré partiel), absent "
                                + "(déclaré absent), non-declare (la fiche n'en dit rien).").mandatory()
                                .among(Coded.codes(Engagement.Status.class)),
                        Field.of("champ", "string", "Champ de la fiche", "Champ de la fiche produit d'où vient le statut."),
                        Field.of("valeur_declaree", "string", "Valeur déclarée", "Valeur de ce champ telle que la fiche l'écrit."),
                        Field.of("adresse_justificatif", "string", "Adresse du justificatif", "Adresse que donne la fiche."),
                        Field.of("date_verification", "date", "Date de vérification", "Jour où l'adresse a été consultée "
                                + "pour la dernière fois (commande vitrine evidence) ; vide si elle ne l'a pas été."),
                        Field.of("resultat_verification", "string", "Résultat de la vérification", "joignable, "
                                + "erreur-http, redirection-http, trop-de-redirections, delai-depasse, injoignable, "
                                + "non-https, robots.").among(Coded.codes(EvidenceCheck.Outcome.class)),
                        Field.of("code_http", "integer", "Code HTTP", "Dernier code HTTP reçu.").between(100.0, 599.0),
                        Field.of("adresse_finale", "string", "Adresse finale", "Adresse atteinte après les redirections."),
                        Field.of("page_nomme_statistiques", "boolean", "La page parle de statistiques", "Pour une page de "
                                + "statistiques : vrai quand son texte contient le mot « statistiques »."),
                        Field.of("prevu_par_convention", "boolean", "Prévu par une convention", "Vrai quand une "
                                + "convention du produit publiée ici prévoit une obligation qui relève de cet engagement.")
                                .mandatory(),
                        Field.of("url", "string", "Page", "Adresse de la page du produit.").mandatory()),
                List.of("produit_id", "engagement_id"),
                List.of(new ForeignKey(List.of("produit_id"), "produits", List.of("id"))),
                null, null);
        List<Object[]> rows = new ArrayList<>();
        for (Product p : catalog.products()) {
            var obligations = catalog.obligationsOfProduct(p.id()).keySet();
            for (Engagement e : catalog.engagementsOf(p.id())) {
                EvidenceCheck c = e.check();
                rows.add(new Object[] {p.id(), e.standard().id(), e.standard().name(), e.status().code(), e.field(),
                        e.value(), e.address(), c == null ? null : c.checked().toString(),
                        c == null ? null : c.outcome().code(), c == null ? null : c.status(),
                        c == null ? null : c.finalAddress(), c == null ? null : c.namesStatistics(),
                        e.standard().obligations().stream().anyMatch(obligations::contains),
                        baseUrl + p.path().substring(1)});
            }
        }
        return new Data(t, rows);
    }

    static Data organisations(Catalog catalog, String baseUrl, SiteConfig config) {
        Table t = new Table("organisations", "Organisations",
                "Une ligne par organisation publique partie à une convention ou sponsor d'un produit.",
                List.of(Field.of("id", "string", "Identifiant", "Identifiant de l'organisation.").mandatory().uniqueValues(),
                        Field.of("nom", "string", "Nom", "Nom de l'organisation.").mandatory(),
                        Field.of("sigle", "string", "Sigle", "Sigle."),
                        Field.of("type", "string", "Type", "Type d'organisation (administration-centrale, ministere, etablissement-public…)."),
                        Field.of("rattachement_id", "string", "Rattachement", "Identifiant de l'organisation de rattachement."),
                        Field.of("siret", "string", "SIRET", "Numéro SIRET (14 chiffres dont les clés du SIREN et du "
                                + "SIRET sont justes) que donne le registre des organisations ou le réglage "
                                + "vitrine.siret.<identifiant> du site ; le même que dans subventions.csv ; vide sinon.")
                                .matching("\\d{14}"),
                        Field.of("domaine_ministeriel", "string", "Domaine ministériel", "Domaine ministériel (nomenclature beta.gouv.fr)."),
                        Field.of("adresse", "string", "Adresse", "Adresse telle que la donne une convention."),
                        Field.of("montant_verse", "number", "Montants versés (euros)", "Somme des lignes de financement dont elle est le financeur.")
                                .mandatory().between(0.0, null),
                        Field.of("montant_recu", "number", "Montants reçus (euros)", "Somme des lignes de financement dont elle est le bénéficiaire.")
                                .mandatory().between(0.0, null),
                        Field.of("url", "string", "Page", "Adresse de la page de l'organisation.").mandatory()),
                List.of("id"),
                List.of(new ForeignKey(List.of("rattachement_id"), "organisations", List.of("id"))),
                null, null);
        List<Object[]> rows = new ArrayList<>();
        for (Organisation o : catalog.organisations()) {
            rows.add(new Object[] {o.id(), o.name(), o.acronym(), o.type(), o.parent(), Scdl.siret(config, o), o.ministry(),
                    o.address(), catalog.totalGivenBy(o.id()), catalog.totalReceivedBy(o.id()),
                    baseUrl + o.path().substring(1)});
        }
        return new Data(t, rows);
    }

    static Data incubators(Catalog catalog, String baseUrl) {
        Table t = new Table("incubateurs", "Incubateurs",
                "Une ligne par incubateur du programme beta.gouv.fr, avec l'organisation qui le porte et ses produits.",
                List.of(Field.of("id", "string", "Identifiant", "Identifiant de l'incubateur (nom de son fichier sur "
                                + "beta.gouv.fr).").mandatory().uniqueValues(),
                        Field.of("nom", "string", "Nom", "Nom de l'incubateur.").mandatory(),
                        Field.of("organisation_id", "string", "Organisation porteuse", "Identifiant de l'organisation qui "
                                + "porte l'incubateur."),
                        Field.of("adresse", "string", "Adresse", "Adresse postale."),
                        Field.of("site", "string", "Site", "Adresse du site de l'incubateur."),
                        Field.of("description", "string", "Description", "Description courte."),
                        Field.of("produits", "string", "Produits", "Identifiants des produits publiés qui l'indiquent, "
                                + "séparés par « ; »."),
                        Field.of("nombre_produits", "integer", "Nombre de produits", "Produits publiés qui l'indiquent.")
                                .mandatory().between(0.0, null),
                        Field.of("url", "string", "Page", "Adresse de la page de l'incubateur.").mandatory()),
                List.of("id"),
                List.of(new ForeignKey(List.of("organisation_id"), "organisations", List.of("id"))),
                null, null);
        List<Object[]> rows = new ArrayList<>();
        for (Incubator i : catalog.incubators()) {
            List<String> products = catalog.productsOfIncubator(i.id()).stream().map(Product::id).toList();
            rows.add(new Object[] {i.id(), i.name(), i.owner(), i.address(), i.website(), i.description(),
                    join(products), products.size(), baseUrl + i.path().substring(1)});
        }
        return new Data(t, rows);
    }

    /** The consolidated impact indicators: the official schema's columns, unchanged. */
    public static Table indicators() {
        List<Field> fields = new ArrayList<>();
        for (String column : ImpactCsv.COLUMNS) {
            Field f = Field.of(column, switch (column) {
                case "valeur" -> "number";
                case "est_cible", "est_periode", "est_automatise" -> "boolean";
                case "date", "date_debut" -> "date";
                default -> "string";
            }, column, "Voir le schéma officiel impact-service-public-numerique 0.5.0.");
            if (!ImpactCsv.OPTIONAL.contains(column)) {
                f = f.mandatory();
            }
            f = switch (column) {
                case "type_indicateur" -> f.among(ImpactRows.KINDS);
                case "frequence_monitoring" -> f.among(ImpactRows.FREQUENCIES);
                case "dataviz_wish" -> f.among(ImpactRows.DATAVIZ);
                case "denom_insee" -> f.among(ImpactRows.DENOM_INSEE);
                default -> f;
            };
            fields.add(f);
        }
        return new Table("indicateurs", "Indicateurs d'impact des produits",
                "Les indicateurs d'impact et d'usage publiés par les produits, consolidés, au format du schéma "
                        + "impact-service-public-numerique 0.5.0 (colonnes inchangées).",
                fields, List.of(), List.of(), IMPACT_SCHEMA,
                new Table.SchemaRef("etalab/schema-impact-service-public-numerique", "0.5.0"));
    }

    static String iso(PartialDate d) {
        return d == null ? null : d.iso();
    }

    static String isoDay(PartialDate d) {
        return d == null ? null : d.first().toString();
    }

    static String join(List<String> values) {
        return values.isEmpty() ? null : String.join(";", values);
    }

    static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + " " + b;
    }

    static String name(Catalog catalog, String orgId) {
        return orgId == null ? null : catalog.organisation(orgId).name();
    }

    static String personName(Person p) {
        return p == null ? null : p.name();
    }

    static String personTitle(Person p) {
        return p == null ? null : p.title();
    }

    /** Amounts in files: plain decimals. */
    static BigDecimal amount(BigDecimal a) {
        return RecordJson.amount(a);
    }
}
