// Full-text search. Every search box is a plain form leading to the convention listing; when the site has a search
// index, this script sends it to /recherche/ instead. There, it queries the index Pagefind wrote at build time
// (/pagefind/, loaded in small pieces as needed) and lists the pages found, each with the articles that match,
// linked to their #article anchor. Text from the index is inserted as text, never as markup.
(function () {
  'use strict';
  document.querySelectorAll('form[data-search-page]').forEach(function (form) {
    form.setAttribute('action', form.getAttribute('data-search-page'));
  });

  var root = document.getElementById('resultats');
  if (!root) return;
  var status = document.getElementById('resultats-statut');
  var list = document.getElementById('resultats-liste');
  var more = document.getElementById('resultats-suite');
  var input = document.querySelector('#recherche-page input[name="q"]');
  var siteRoot = new URL(root.getAttribute('data-site-root'), location.href);
  var PAGE = 10;
  var pagefind = null;
  var found = [];
  var shown = 0;
  var asked = 0;
  var pageTitle = document.title;

  function plural(n, one, many) { return n + '\u00a0' + (n > 1 ? many : one); }

  // French words too common to search for alone or to highlight (an elided « l' », « d' » is dropped from its word).
  var STOP = ('a à au aux avec ce ces c ça dans de des du d elle en et est il ils j je l la le les leur leurs lui ma '
    + 'mais me même mes moi mon ne n nos notre nous on ou où par pas pour qu que qui s sa se ses son sur ta te tes '
    + 't toi ton tu un une vos votre vous y').split(' ');
  function isStop(word) {
    return STOP.indexOf(word.toLowerCase()) >= 0;
  }
  // The words of a query that can be searched: stop words out, « l'air » read as « air ».
  function contentWords(query) {
    return query.split(/[\s"«»\u00a0\u202f]+/).map(function (w) {
      return w.replace(/^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)['’]/i, '');
    }).filter(function (w) { return w && !isStop(w); });
  }

  // An excerpt holds the matched words in <mark>: keep those marks and the text, nothing else; a stop word is not
  // highlighted.
  function excerpt(html) {
    var p = document.createElement('p');
    p.className = 'search-excerpt';
    var parsed = new DOMParser().parseFromString('<body>' + (html || ''), 'text/html').body;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === 'MARK' && !isStop(node.textContent.trim().replace(/^(?:[ldjmnstc]|qu)['’]/i, ''))) {
        var m = document.createElement('mark');
        m.textContent = node.textContent;
        p.appendChild(m);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    return p;
  }

  function link(url, text) {
    var a = document.createElement('a');
    a.href = url;
    a.textContent = text;
    return a;
  }

  function item(data) {
    var li = document.createElement('li');
    li.className = 'search-result';
    var title = document.createElement('h2');
    title.className = 'search-result__title';
    if (data.meta.nature) {
      var nature = document.createElement('span');
      nature.className = 'search-result__nature';
      nature.textContent = data.meta.nature + '\u202F: ';
      title.appendChild(nature);
    }
    title.appendChild(link(data.url, data.meta.title || data.url));
    li.appendChild(title);
    // The parts of the page that match, those naming the words most often first: an article of a convention, a
    // section of a product page.
    var parts = (data.sub_results || []).filter(function (s) { return s.url !== data.url; })
      .map(function (s, i) { return { s: s, i: i, n: (s.locations || []).length }; })
      .sort(function (a, b) { return b.n - a.n || a.i - b.i; })
      .slice(0, 3).map(function (x) { return x.s; });
    if (parts.length === 0) {
      li.appendChild(excerpt(data.excerpt));
    } else {
      var ul = document.createElement('ul');
      parts.forEach(function (s) {
        var part = document.createElement('li');
        part.appendChild(link(s.url, s.title));
        part.appendChild(excerpt(s.excerpt));
        ul.appendChild(part);
      });
      li.appendChild(ul);
    }
    return li;
  }

  function showMore() {
    var next = found.slice(shown, shown + PAGE);
    shown += next.length;
    more.hidden = shown >= found.length;
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (all) {
      all.forEach(function (d) { list.appendChild(item(d)); });
    });
  }

  // The results region is busy from a query until its answer is shown (screen readers wait; so can scripts).
  function done() {
    root.setAttribute('aria-busy', 'false');
  }

  function search(query) {
    var ask = ++asked;
    root.setAttribute('aria-busy', 'true');
    list.textContent = '';
    more.hidden = true;
    var words = query.trim();
    history.replaceState(null, '', location.pathname + (words ? '?q=' + encodeURIComponent(words) : ''));
    if (!words) {
      status.textContent = 'Saisissez un ou plusieurs mots.';
      document.title = pageTitle;
      return done();
    }
    var terms = contentWords(words);
    if (terms.length === 0) {
      status.textContent = '«\u202F' + words + '\u202F» est trop courant pour être cherché seul\u202F: ajoutez un mot.';
      document.title = pageTitle;
      return done();
    }
    status.textContent = 'Recherche en cours…';
    // Several words: the pages holding them as written, in this order, come first (Pagefind's quoted phrase).
    var phrase = words.split(/\s+/).length > 1 ? pagefind.search('"' + words.replace(/"/g, '') + '"')
      : Promise.resolve({ results: [] });
    Promise.all([phrase, pagefind.search(terms.join(' '))]).then(function (both) {
      if (ask !== asked) return;
      // Pagefind ranks all pages holding the phrase alike: they come first, in the order the search for the words
      // ranks them, each shown as that search finds it (its parts that name the words, highlighted).
      var byWords = both[1].results;
      var ranked = {};
      byWords.forEach(function (r) { ranked[r.id] = true; });
      var phrased = {};
      both[0].results.forEach(function (r) { phrased[r.id] = true; });
      found = byWords.filter(function (r) { return phrased[r.id]; })
        .concat(both[0].results.filter(function (r) { return !ranked[r.id]; }))
        .concat(byWords.filter(function (r) { return !phrased[r.id]; }));
      shown = 0;
      status.textContent = found.length === 0
        ? 'Aucun résultat pour «\u202F' + words + '\u202F». Essayez d’autres mots, ou parcourez la liste des conventions.'
        : plural(found.length, 'résultat', 'résultats') + ' pour «\u202F' + words + '\u202F».';
      document.title = (found.length ? plural(found.length, 'résultat', 'résultats') : 'Aucun résultat')
        + ' pour «\u202F' + words + '\u202F» – ' + pageTitle;
      return showMore();
    }).then(function () {
      if (ask === asked) done();
    });
  }

  more.addEventListener('click', function () { showMore(); });

  import(new URL(root.getAttribute('data-pagefind'), location.href).href).then(function (module) {
    pagefind = module;
    // Pagefind's default pageLength (0.75) buries a convention, whose page holds its whole text (3 000 to 5 000 words
    // on beta.gouv.fr, five times a product page), behind short pages that name the word in passing: the article
    // that holds it ranked 11th for « friche ». 0.1 keeps a slight preference for short pages.
    return pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 24, ranking: { pageLength: 0.1 } });
  }).then(function () {
    var form = document.getElementById('recherche-page');
    var query = new URLSearchParams(location.search).get('q') || '';
    input.value = query;
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      search(input.value);
    });
    var timer = null;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { search(input.value); }, 300);
    });
    search(query);
  }).catch(function () {
    done();
    status.textContent = 'La recherche n’est pas disponible ici (elle a besoin que le site soit servi par un serveur web). '
      + 'Parcourez la liste des conventions, des produits ou des organisations.';
  });
})();
