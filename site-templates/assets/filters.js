// Convention and product listings: facets that combine, sortable columns, the filtered rows as CSV and XLSX. Without
// JavaScript the facet pages and the products' sorted pages (/produits/tri/…/) work as plain links; with it, this
// script filters and sorts the table in place from the index the build writes (conventions/index.json,
// produits/index.json), and keeps the choice in the address (?partenaire=cerema&signature=2020). The XLSX is zipped
// by fflate (assets/fflate/, from npm), loaded on the first XLSX download.
(function () {
  'use strict';
  var script = document.currentScript && document.currentScript.src;
  var root = document.querySelector('[data-listing-index]');
  if (!root || !window.fetch) return;
  var table = root.querySelector('table');
  var summary = document.getElementById('listing-summary');
  var nav = document.querySelector('nav.facets');
  var euros = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
  var rows = [];
  var chosen = {};
  // A sorted page (/produits/tri/montant/) starts in its own order.
  var sort = { key: root.getAttribute('data-sort'), dir: Number(root.getAttribute('data-sort-direction')) || 1 };
  var products = root.getAttribute('data-listing') === 'produits';
  // A comparison of rows by a key that may be unknown (no phase, no date, no funding line): unknown values sort
  // last whatever the direction (selected() puts them there). cmp compares the two values, or the two rows (onRows).
  function known(key, cmp, onRows) {
    var compare = function (a, b) {
      return a[key] == null || b[key] == null ? 0 : onRows ? cmp(a, b) : cmp(a[key], b[key]);
    };
    compare.key = key;
    return compare;
  }
  var columns = products ? [
    { key: 'title', text: function (r) { return r.title; } },
    { key: 'mission', text: function (r) { return r.mission || ''; } },
    { key: 'incubator', text: function (r) { return r.incubator[1]; } },
    { key: 'phase', text: function (r) { return r.phaseLabel; },
      compare: known('phaseRank', function (a, b) { return a - b; }) },
    { key: 'start', text: function (r) { return r.startLabel; },
      compare: known('start', function (a, b) { return a.localeCompare(b); }) },
    // « non recensé » (no funding line) is no amount, not 0: last.
    { key: 'amount', text: function (r) { return r.amountLabel; },
      compare: known('amount', function (a, b) { return Number(a) - Number(b); }) }
  ] : [
    { key: 'title', text: function (r) { return r.title; } },
    { key: 'kind', text: function (r) { return r.kind; } },
    { key: 'funders', text: function (r) { return r.funders.map(function (f) { return f[1]; }).join(', '); } },
    { key: 'products', text: function (r) { return r.products.map(function (p) { return p[1]; }).join(', '); } },
    // Dates by their real order; a partial date sorts by its first day, then its last; unknown dates last.
    { key: 'signed', text: function (r) { return r.signedLabel; },
      compare: known('signedFirst', function (a, b) {
        return a.signedFirst.localeCompare(b.signedFirst) || a.signedLast.localeCompare(b.signedLast);
      }, true) },
    { key: 'amount', text: function (r) { return r.amountLabel; },
      compare: known('amount', function (a, b) { return Number(a) - Number(b); }) },
    { key: 'status', text: function (r) { return r.statusLabel; } }
  ];

  function link(href, text) {
    var a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    return a;
  }

  function base() { return root.getAttribute('data-site-root'); }

  // A cell; its column's name in data-label, which a phone shows before its content.
  function cell(tag, content, label) {
    var c = document.createElement(tag);
    if (tag === 'th') c.scope = 'row';
    if (label) c.setAttribute('data-label', label);
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
      // Ties keep the index's order (by name), whatever the direction, as the sorted pages do.
      var key = col.compare && col.compare.key;
      out = out.slice().sort(function (a, b) {
        if (key && (a[key] == null) !== (b[key] == null)) return a[key] == null ? 1 : -1;
        return sort.dir * cmp(a, b) || a.rank - b.rank;
      });
    }
    return out;
  }

  function productRow(r) {
    var tr = document.createElement('tr');
    tr.appendChild(cell('th', [link(base() + r.path.slice(1), r.title)]));
    tr.appendChild(cell('td', [r.mission || '']));
    tr.appendChild(cell('td', [r.incubator[0] ? link(base() + r.incubator[0].slice(1), r.incubator[1]) : r.incubator[1]]));
    tr.appendChild(cell('td', [r.phaseLabel]));
    tr.appendChild(cell('td', [r.startLabel]));
    var amount = cell('td', [r.amountLabel]);
    amount.className = 'num';
    tr.appendChild(amount);
    return tr;
  }

  function plural(n, one, many) { return n + '\u00a0' + (n > 1 ? many : one); }

  function render() {
    var shown = selected();
    var body = document.createElement('tbody');
    shown.forEach(function (r) {
      if (products) { body.appendChild(productRow(r)); return; }
      var tr = document.createElement('tr');
      tr.appendChild(cell('th', [link(base() + 'conventions/' + r.id + '/', r.title)]));
      tr.appendChild(cell('td', [r.kind], labels[1]));
      tr.appendChild(cell('td', r.funders.length ? r.funders.map(function (f) {
        return f[0] ? link(base() + f[0].slice(1), f[1]) : f[1];
      }) : ['aucun'], labels[2]));
      tr.appendChild(cell('td', r.products.map(function (p) { return link(base() + p[0].slice(1), p[1]); }), labels[3]));
      tr.appendChild(cell('td', [r.signedLabel], labels[4]));
      var amount = cell('td', [r.amountLabel], labels[5]);
      amount.className = 'num';
      tr.appendChild(amount);
      tr.appendChild(cell('td', [badge(r.status, r.statusLabel)], labels[6]));
      body.appendChild(tr);
    });
    table.replaceChild(body, table.querySelector('tbody'));
    // No convention: the table gives way to a sentence that says so (products say it in their summary).
    if (empty) {
      box.style.display = shown.length ? '' : 'none';
      empty.hidden = shown.length > 0;
    }
    var total = shown.reduce(function (s, r) { return s + Number(r.amount); }, 0);
    var filtered = Object.keys(chosen).length > 0;
    if (products) {
      summary.textContent = !shown.length ? 'Aucun produit ne correspond à ces filtres.'
        : plural(shown.length, 'produit', 'produits') + (filtered ? ' sur ' + rows.length + ', filtres combinés.' : '.');
      table.hidden = !shown.length;
      // The page's own CSV and XLSX hold its facet value's products: offered only while that is the selection.
      var own = root.querySelector('.selection-downloads');
      var page = root.getAttribute('data-facet');
      if (own) own.hidden = Object.keys(chosen).length !== (page ? 1 : 0)
        || (page && chosen[page] !== root.getAttribute('data-value'));
    } else {
      summary.textContent = plural(shown.length, 'acte', 'actes') + ' pour un total de '
        + euros.format(total) + '\u202F€' + (filtered ? ', filtres combinés.' : '.');
    }
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

  // The rows of a download, header first: the CSV and the XLSX hold the same.
  function downloadRows(shown) {
    var lines = products
      ? [['id', 'titre', 'mission', 'incubateur', 'phase_actuelle', 'debut', 'montant_recense', 'url']]
      : [['id', 'titre', 'type', 'financeurs', 'produits', 'date_signature', 'montant_total', 'statut']];
    shown.forEach(function (r) {
      lines.push(products ? [r.id, r.title, r.mission, r.incubator[1], r.phase || '', r.start || '', r.amount,
        new URL(base() + r.path.slice(1), location.href).href]
        : [r.id, r.title, r.kind, r.funders.map(function (f) { return f[1]; }).join(' ; '),
          r.products.map(function (p) { return p[1]; }).join(' ; '), r.signed || '', r.amount, r.status]);
    });
    return lines;
  }

  function csv(shown) {
    var quote = function (v) {
      var s = String(v == null ? '' : v);
      // A cell starting with = + - @ is not read as a formula by spreadsheets.
      if (/^[=+\-@\t\r]/.test(s)) s = '\'' + s;
      return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    };
    return downloadRows(shown).map(function (l) { return l.map(quote).join(','); }).join('\r\n') + '\r\n';
  }

  // An XLSX workbook of one sheet (Office Open XML, ECMA-376): numbers as numbers, text as inline strings (never
  // formulas), no value as an empty cell; zipped by fflate.
  function xlsx(shown, fflate) {
    var xml = function (v) {
      return String(v).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
        .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    };
    var column = function (i) { return (i >= 26 ? column(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + i % 26); };
    var sheet = downloadRows(shown).map(function (line, r) {
      return '<row r="' + (r + 1) + '">' + line.map(function (v, i) {
        var ref = column(i) + (r + 1);
        if (v == null || v === '') return '';
        if (typeof v === 'number') return '<c r="' + ref + '"><v>' + v + '</v></c>';
        return '<c r="' + ref + '" t="inlineStr"><is><t xml:space="preserve">' + xml(v) + '</t></is></c>';
      }).join('') + '</row>';
    }).join('');
    var head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
    var main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    var rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    var files = {
      '[Content_Types].xml': head + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        + '<Default Extension="xml" ContentType="application/xml"/>'
        + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        + '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        + '</Types>',
      '_rels/.rels': head + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + '<Relationship Id="rId1" Type="' + rel + '/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      'xl/workbook.xml': head + '<workbook xmlns="' + main + '" xmlns:r="' + rel + '"><sheets>'
        + '<sheet name="' + (products ? 'produits' : 'conventions') + '" sheetId="1" r:id="rId1"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels': head + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + '<Relationship Id="rId1" Type="' + rel + '/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      'xl/worksheets/sheet1.xml': head + '<worksheet xmlns="' + main + '"><sheetData>' + sheet + '</sheetData></worksheet>'
    };
    var bytes = {};
    Object.keys(files).forEach(function (name) { bytes[name] = fflate.strToU8(files[name]); });
    // Synchronous: fflate's asynchronous zip would start a Web Worker, which the pages' Content-Security-Policy forbids.
    return fflate.zipSync(bytes, { level: 6 });
  }

  var fflateLoaded = null;
  function loadFflate() {
    if (!fflateLoaded) {
      fflateLoaded = new Promise(function (ok, fail) {
        var s = document.createElement('script');
        s.src = new URL('fflate/index.js', script || location.href).href;
        s.onload = function () { if (window.fflate) ok(window.fflate); else fail(new Error('fflate')); };
        s.onerror = function () { fflateLoaded = null; fail(new Error('fflate')); };
        document.head.appendChild(s);
      });
    }
    return fflateLoaded;
  }

  function save(blob, name) {
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 60000);
  }

  // Sorts the table by a column, its header saying so (aria-sort).
  function sortBy(key, dir) {
    sort.key = key;
    sort.dir = dir;
    table.querySelectorAll('thead th').forEach(function (th, i) {
      if (columns[i] && columns[i].key === key) th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
    });
    var order = document.querySelector('nav.listing-sort');
    if (order) {
      order.querySelectorAll('a[data-sort]').forEach(function (a) {
        var on = a.getAttribute('data-sort') === key && Number(a.getAttribute('data-sort-direction')) === dir;
        if (on) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
      });
    }
    render();
  }

  var labels = [];
  var box = table.closest('.fr-table, .table-wrap') || table;
  var empty = null;
  if (!products) {
    empty = document.createElement('p');
    empty.className = 'listing-empty';
    empty.hidden = true;
    empty.appendChild(document.createTextNode('Aucune convention ne correspond à ces filtres. '));
    empty.appendChild(link(root.getAttribute('data-site-root') + 'conventions/', 'Voir toutes les conventions'));
    box.parentNode.insertBefore(empty, box.nextSibling);
  }

  function controls() {
    table.querySelectorAll('thead th').forEach(function (th, i) { labels[i] = th.textContent.trim(); });
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
        sortBy(col.key, sort.key === col.key ? -sort.dir : 1);
      });
    });
    // The sorted pages' links sort in place.
    var order = document.querySelector('nav.listing-sort');
    if (order) {
      order.addEventListener('click', function (e) {
        var a = e.target.closest('a[data-sort]');
        if (!a) return;
        e.preventDefault();
        sortBy(a.getAttribute('data-sort'), Number(a.getAttribute('data-sort-direction')) || 1);
      });
    }
    var name = products ? 'produits-filtres' : 'conventions-filtrees';
    var p = document.createElement('p');
    var download = document.createElement('button');
    download.type = 'button';
    download.className = 'download-csv fr-btn fr-btn--secondary fr-btn--sm';
    download.textContent = 'Télécharger ces lignes (CSV)';
    download.addEventListener('click', function () {
      save(new Blob([csv(selected())], { type: 'text/csv;charset=utf-8' }), name + '.csv');
    });
    var workbook = document.createElement('button');
    workbook.type = 'button';
    workbook.className = 'download-xlsx fr-btn fr-btn--secondary fr-btn--sm';
    workbook.textContent = 'Télécharger ces lignes (XLSX)';
    workbook.addEventListener('click', function () {
      var shown = selected();
      loadFflate().then(function (fflate) {
        save(new Blob([xlsx(shown, fflate)], {
          type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), name + '.xlsx');
      }, function () { workbook.textContent = 'XLSX indisponible (script non chargé)'; });
    });
    p.appendChild(download);
    p.appendChild(document.createTextNode(' '));
    p.appendChild(workbook);
    // Buttons (the DSFR's where the theme has it), above the table's frame, not inside it.
    p.className = 'selection-buttons';
    box.parentNode.insertBefore(p, box);
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
    rows.forEach(function (r, i) { r.rank = i; });
    var page = root.getAttribute('data-facet');
    if (page) chosen[page] = root.getAttribute('data-value');
    new URLSearchParams(location.search).forEach(function (v, f) { chosen[f] = v; });
    controls();
    if (sort.key) sortBy(sort.key, sort.dir); else render();
  }).catch(function () { /* the static table stays */ });
})();
