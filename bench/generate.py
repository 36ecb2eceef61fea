#!/usr/bin/env python3
"""Writes a synthetic Vitrine project of N conventions (copies of the bundled project plus generated records).

Usage: bench/generate.py N DIR [--short]   — used by bench/compare; the records are fake and never published.
With --short, each convention's text is one paragraph instead of the seconde convention's full text.
"""
import os, sys

import bundled

n, out = int(sys.argv[1]), sys.argv[2]
bundled.copy_to(out)
repo = bundled.REPO
body = open(os.path.join(repo, "content/conventions/urbanvitaliz-seconde-convention.md"), encoding="utf-8").read()
body = body.split("\n---\n", 1)[1]
if "--short" in sys.argv[3:]:
    body = "\nLes parties conviennent de financer le produit selon les modalités ci-dessus.\n"
orgs = ["cerema", "dgpr", "dgs", "anct", "dgaln"]  # each signs with the DINUM
products = ["urbanvitaliz", "reco-co", "recosante"]
for i in range(n):
    org = orgs[i % len(orgs)]
    year = 2015 + i % 10
    amount = 10000 + (i * 7919) % 990000
    record = f"""---
id: bench-{i:05d}
title: Convention de test n° {i}
kind: partenariat
signed: {year}-{1 + i % 12:02d}-{1 + i % 28:02d}
effective: signature
ends: {year + 1}-12-31
parties:
  - org: {org}
    role: partenaire
  - org: dinum
    role: partenaire
products: [{products[i % 3]}]
total: {amount}
funding:
  - from: {org}
    to: dinum
    amount: {amount}
    year: {year}
obligations:
  - type: stats-page
privacy: {{rib: redact}}
source:
  pdf: unknown
---
"""
    with open(os.path.join(out, f"content/conventions/bench-{i:05d}.md"), "w", encoding="utf-8") as f:
        f.write(record + body)
