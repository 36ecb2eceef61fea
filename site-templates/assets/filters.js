// Convention listing: facets that combine, sortable columns, the filtered rows as CSV. Without JavaScript the
// facet pages work as plain links; with it, this script filters and sorts the table in place from the index the
// build writes (conventions/index.json), and keeps the choice in the address (?partenaire=cerema&signature=2020).
(function () {
  'use strict';
  var root = document.querySelector('[data-listing-index]');
  if (!root || !window.fetch) return;
  var table = root.querySelector('table');
  var summary = document.getElementById('listing-summary');
  var nav = document.querySelector('nav.facets');
  var euros = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
  var rows = [];
  var chosen = {};
  var sort = { key: null, dir: 1 };
  var columns = [
    { key: 'title', text: function (r) { return r.title; } },
    { key: 'kind', text: function (r) { return r.kind; } },
    { key: 'funders', text: function (r) { return r.funders.map(function (f) { return f[1]; }).join(', '); } },
    { key: 'products', text: function (r) { return r.products.map(function (p) { return p[1]; }).join(', '); } },
    // Dates by their real order; a partial date sorts by its first day, then its last; unknown dates last.
    { key: 'signed', text: function (r) { return r.signedLabel; },
      compare: function (a, b) {
        if (!a.signedFirst || !b.signedFirst) return (a.signedFirst ? 0 : 1) - (b.signedFirst ? 0 : 1);
        return a.signedFirst.localeCompare(b.signedFirst) || a.signedLast.localeCompare(b.signedLast);
      } },
    { key: 'amount', text: function (r) { return r.amountLabel; },
      compare: function (a, b) { return Number(a.amount) - Number(b.amount); } },
    { key: 'status', text: function (r) { return r.statusLabel; } }
  ];

  function link(href, text) {
    var a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    return a;
  }

  function base() { return root.getAttribute('data-site-root'); }

  function cell(tag, content) {
    var c = document.createElement(tag);
    if (tag === 'th') c.scope = 'row';
    content.forEach(function (x, i) {
      if (i > 0) c.appendChild(document.createTextNode(', '));
      c.appendChild(typeof x === 'string' ? document.createTextNode(x) : x);
    });
    return c;
  }

  function badge(status, label) {
    var t = document.getElementById('status-badge-' + status);
    return t ? t.content.firstElementChild.cloneNode(true) : document.createTextNode(label);
  }

  // Lower case, without accents: "Écosanté" is found as "ecosante".
  function fold(s) { return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(); }

  // Facets, and the words of a search box (?q=) sent here when the site has no search index.
  function matches(r) {
    return Object.keys(chosen).every(function (f) {
      if (f === 'q') {
        var text = fold(columns.map(function (c) { return c.text(r); }).join(' '));
        return fold(chosen.q).split(/\s+/).every(function (w) { return text.indexOf(w) >= 0; });
      }
      return (r.facets[f] || []).indexOf(chosen[f]) >= 0;
    });
  }

  function selected() {
    var out = rows.filter(matches);
    var col = columns.filter(function (c) { return c.key === sort.key; })[0];
    if (col) {
      var cmp = col.compare || function (a, b) { return col.text(a).localeCompare(col.text(b), 'fr'); };
      out = out.slice().sort(function (a, b) { return sort.dir * cmp(a, b) || a.id.localeCompare(b.id); });
    }
    return out;
  }

  function render() {
    var shown = selected();
    var body = document.createElement('tbody');
    shown.forEach(function (r) {
      var tr = document.createElement('tr');
      tr.appendChild(cell('th', [link(base() + 'conventions/' + r.id + '/', r.title)]));
      tr.appendChild(cell('td', [r.kind]));
      tr.appendChild(cell('td', r.funders.length ? r.funders.map(function (f) {
        return f[0] ? link(base() + f[0].slice(1), f[1]) : f[1];
      }) : ['aucun']));
      tr.appendChild(cell('td', r.products.map(function (p) { return link(base() + p[0].slice(1), p[1]); })));
      tr.appendChild(cell('td', [r.signedLabel]));
      var amount = cell('td', [r.amountLabel]);
      amount.className = 'num';
      tr.appendChild(amount);
      tr.appendChild(cell('td', [badge(r.status, r.statusLabel)]));
      body.appendChild(tr);
    });
    table.replaceChild(body, table.querySelector('tbody'));
    var total = shown.reduce(function (s, r) { return s + Number(r.amount); }, 0);
    summary.textContent = shown.length + (shown.length > 1 ? ' actes' : ' acte') + ' pour un total de '
      + euros.format(total) + '\u202F€' + (Object.keys(chosen).length ? ', filtres combinés.' : '.');
    var pages = document.querySelector('.pagination, nav.fr-pagination');
    if (pages) pages.hidden = true;
    if (nav) {
      nav.querySelectorAll('[data-facet]').forEach(function (a) {
        var on = chosen[a.getAttribute('data-facet')] === a.getAttribute('data-value');
        if (on) a.setAttribute('aria-current', 'true'); else a.removeAttribute('aria-current');
      });
    }
    var query = Object.keys(chosen).sort().map(function (f) {
      return encodeURIComponent(f) + '=' + encodeURIComponent(chosen[f]);
    }).join('&');
    history.replaceState(null, '', location.pathname + (query ? '?' + query : '') + location.hash);
    return shown;
  }

  function csv(shown) {
    var quote = function (v) {
      var s = String(v == null ? '' : v);
      // A cell starting with = + - @ is not read as a formula by spreadsheets.
      if (/^[=+\-@\t\r]/.test(s)) s = '\'' + s;
      return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    };
    var lines = [['id', 'titre', 'type', 'financeurs', 'produits', 'date_signature', 'montant_total', 'statut']];
    shown.forEach(function (r) {
      lines.push([r.id, r.title, r.kind, r.funders.map(function (f) { return f[1]; }).join(' ; '),
        r.products.map(function (p) { return p[1]; }).join(' ; '), r.signed || '', r.amount, r.status]);
    });
    return lines.map(function (l) { return l.map(quote).join(','); }).join('\r\n') + '\r\n';
  }

  function controls() {
    table.querySelectorAll('thead th').forEach(function (th, i) {
      var col = columns[i];
      if (!col) return;
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      button.textContent = th.textContent;
      th.textContent = '';
      th.appendChild(button);
      button.addEventListener('click', function () {
        sort.dir = sort.key === col.key ? -sort.dir : 1;
        sort.key = col.key;
        table.querySelectorAll('thead th').forEach(function (x) { x.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', sort.dir > 0 ? 'ascending' : 'descending');
        render();
      });
    });
    var p = document.createElement('p');
    var download = document.createElement('button');
    download.type = 'button';
    download.className = 'download-csv';
    download.textContent = 'Télécharger ces lignes (CSV)';
    download.addEventListener('click', function () {
      var a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([csv(selected())], { type: 'text/csv;charset=utf-8' }));
      a.download = 'conventions-filtrees.csv';
      document.body.appendChild(a);
      a.click();
      a.remove();
    });
    p.appendChild(download);
    table.parentNode.insertBefore(p, table);
    if (nav) {
      nav.addEventListener('click', function (e) {
        var a = e.target.closest('a[data-facet]');
        if (!a) return;
        e.preventDefault();
        var f = a.getAttribute('data-facet');
        var v = a.getAttribute('data-value');
        if (chosen[f] === v) delete chosen[f]; else chosen[f] = v;
        render();
      });
    }
  }

  fetch(root.getAttribute('data-listing-index')).then(function (r) { return r.json(); }).then(function (data) {
    rows = data;
    var page = root.getAttribute('data-facet');
    if (page) chosen[page] = root.getAttribute('data-value');
    new URLSearchParams(location.search).forEach(function (v, f) { chosen[f] = v; });
    controls();
    render();
  }).catch(function () { /* the static table stays */ });
})();
