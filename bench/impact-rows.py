#!/usr/bin/env python3
"""Writes a copy of the bundled project with a large impact CSV: N rows (4 indicators x 1 000 communes x N/4 000
days) for UrbanVitaliz, as MalformedMetricsTest writes them. The rows are fake and never published.

Usage: bench/impact-rows.py N DIR   (e.g. 1000000 /tmp/impact: a 138 MB CSV)
"""
import datetime, os, sys

import bundled

n, out = int(sys.argv[1]), sys.argv[2]
bundled.copy_to(out)
repo = bundled.REPO
with open(os.path.join(repo, "data/stats/statistiques_impact_urbanvitaliz.csv"), encoding="utf-8") as f:
    header = f.readline()
indicators = ["Dossiers ouverts", "Visites du site", "Recommandations activées", "Friches signalées"]
communes, days = 1000, max(1, n // 4000)
first = datetime.date(2023, 1, 1)
with open(os.path.join(out, "data/stats/statistiques_impact_urbanvitaliz_suite.csv"), "w", encoding="utf-8") as w:
    w.write(header)
    for indicator in indicators:
        for t in range(communes):
            for d in range(days):
                w.write(f"Cerema,UrbanVitaliz,{indicator},{t + d},unité,false,usage,quotidienne,"
                        f"{first + datetime.timedelta(days=d)},false,,true,Base de données du service,COM,"
                        f"{1001 + t:05d},,\n")
print(f"{len(indicators) * communes * days} rows in {out}/data/stats/statistiques_impact_urbanvitaliz_suite.csv")
