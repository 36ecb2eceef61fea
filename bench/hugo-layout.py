#!/usr/bin/env python3
"""Writes a Hugo layout that renders the same page as Vitrine: made from a convention page Vitrine built.

Usage: bench/hugo-layout.py VITRINE_PAGE HUGO_PROJECT   — used by bench/compare.
The page's skeleton stays as Vitrine wrote it (head and CSS links, header, navigation, breadcrumb, the record's
summary sections, downloads, footer); the title becomes {{ .Title }}, the table of contents {{ .TableOfContents }}
and the full text {{ .Content }}. Hugo thus writes pages of the same size and shape, with the one part that differs
per page (text and contents) rendered by Hugo itself.
"""
import os
import re
import sys


def balanced(html, start, tag):
    """End index (after the closing tag) of the element of the given tag that opens at start."""
    depth, i = 0, start
    pattern = re.compile(r"<(/?)" + tag + r"\b[^>]*>")
    for m in pattern.finditer(html, start):
        depth += -1 if m.group(1) else 1
        i = m.end()
        if depth == 0:
            return i
    raise SystemExit(f"hugo-layout: unbalanced <{tag}> in the page")


def replace_element(html, opening, tag, replacement):
    at = html.find(opening)
    if at < 0:
        raise SystemExit(f"hugo-layout: {opening!r} not found in the page: has the convention template changed?")
    return html[:at] + replacement + html[balanced(html, at, tag):]


page, project = sys.argv[1], sys.argv[2]
html = open(page, encoding="utf-8").read()
if "{{" in html:
    html = html.replace("{{", '{{ "{{" }}')
html = re.sub(r"<title>.*?</title>", "<title>{{ .Title }}</title>", html, count=1, flags=re.S)
html = re.sub(r"<h1>.*?</h1>", "<h1>{{ .Title }}</h1>", html, count=1, flags=re.S)
html = replace_element(html, '<ul class="fr-sidemenu__list">', "ul", "{{ .TableOfContents }}")
html = replace_element(html, '<section aria-labelledby="texte">', "section",
                       '<section aria-labelledby="texte">\n  <h2 id="texte">Texte intégral</h2>\n'
                       '  <div class="text">{{ .Content }}</div>\n</section>')
layouts = os.path.join(project, "layouts", "_default")
os.makedirs(layouts, exist_ok=True)
with open(os.path.join(layouts, "single.html"), "w", encoding="utf-8") as f:
    f.write(html)
