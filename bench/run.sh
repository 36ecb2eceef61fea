#!/usr/bin/env bash
# Build-speed benchmark: N synthetic conventions (each with the full text of the seconde convention UrbanVitaliz),
# built by Vitrine, and the same Markdown built by Hugo with a minimal layout as a speed reference.
# Usage: bench/run.sh [N ...]   (default: 500 2000). Needs the jar (mvn -B -q package -DskipTests);
# Hugo is optional (apt-get install hugo).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/vitrine.jar
[ -f "$jar" ] || mvn -B -q package -DskipTests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in "${@:-500 2000}"; do
  for size in $n; do
    python3 bench/generate.py "$size" "$work/p$size"
    echo "== $size conventions"
    for run in 1 2 3; do
      /usr/bin/time -f "vitrine run $run: %e s wall, %M KB max RSS" \
        java -jar "$jar" build --source "$work/p$size" --output "$work/o$size" --timings 2>&1 | grep -v '^Open '
    done
    if command -v hugo > /dev/null; then
      h="$work/h$size"
      mkdir -p "$h/content/conventions" "$h/layouts/_default"
      cp "$work/p$size"/content/conventions/*.md "$h/content/conventions/"
      printf 'baseURL = "http://localhost/"\ndisableKinds = ["taxonomy", "term", "RSS"]\n' > "$h/config.toml"
      printf '<!DOCTYPE html><html lang="fr"><title>{{ .Title }}</title><h1>{{ .Title }}</h1>{{ .Content }}</html>\n' > "$h/layouts/_default/single.html"
      printf '<!DOCTYPE html><html lang="fr"><title>{{ .Title }}</title><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></html>\n' > "$h/layouts/_default/list.html"
      for run in 1 2 3; do
        /usr/bin/time -f "hugo run $run: %e s wall, %M KB max RSS" hugo --quiet -s "$h" -d "$work/hout$size" 2>&1
      done
    fi
  done
done
