package fr.vitrine.read;

import fr.vitrine.model.Heading;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Headings of a text, for citing: short "article-N" ids, long ids kept, and a visible link to each. */
class MarkdownCitingTest {

    @Test
    void articleHeadingsGetShortIdsAndKeepTheirLongOnes() {
        Markdown.Rendered r = Markdown.render("""
                ## Préambule
                ## Article 4 : Dispositions financières
                ### 5.1 Montant du financement
                ## ARTICLE 12 - Litiges
                ## Article 4 bis : une seconde fois
                ## Article 5.2
                #### Détail
                """, "Lien vers cet article");
        assertEquals(List.of("préambule", "article-4", "51-montant-du-financement", "article-12",
                        "article-4-bis--une-seconde-fois", "article-52", "détail"),
                r.headings().stream().map(Heading::id).toList());
        Document doc = Jsoup.parse(r.html());
        // The long id still leads to the heading.
        assertEquals("article-4", doc.getElementById("article-4--dispositions-financières").parent().id());
        assertNotNull(doc.getElementById("article-12").selectFirst("span[id^=article-12-]"));
        // Each ## and ### heading is followed by a visible link to itself, named after it.
        for (Element h : doc.select("h2, h3")) {
            Element link = h.nextElementSibling().selectFirst("a");
            assertEquals("#" + h.id(), link.attr("href"));
            assertEquals("Lien vers cet article : " + h.ownText(), link.text());
            assertEquals("Lien vers cet article", link.ownText());
        }
        assertNull(doc.selectFirst("h4 + p.heading-link"), "no link under deeper headings");
    }

    @Test
    void otherTextsSayTheyLinkToASection() {
        Element link = Jsoup.parse(Markdown.render("## Qui sommes-nous\n").html()).selectFirst("p.heading-link a");
        assertEquals("Lien vers cette section", link.ownText());
        assertEquals("#qui-sommes-nous", link.attr("href"));
    }
}
