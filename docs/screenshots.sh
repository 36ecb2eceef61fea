#!/usr/bin/env sh
# Rebuilds the README's screenshots: home, a convention, a /stats page, /financements/ (also at 390 px), the products
# listing filtered by a facet value and search results of the bundled site, in the dsfr theme (as configured) and the
# neutral one, and a team's /stats site (vitrine stats) on the synthetic metrics of the
# tests, taken with Debian's headless Chromium (.ci/install-browser installs it). Needs `mvn test-compile`.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pages="home=/ convention=/conventions/urbanvitaliz-convention-initiale/ stats=/produits/urbanvitaliz/stats/ financements=/financements/ recherche=/recherche/?q=intrapreneur"

"$here/vitrine" build --source "$here" --output "$work/dsfr" >/dev/null
# The neutral theme: the same project with vitrine.theme=neutral.
mkdir "$work/project"
cp -r "$here/content" "$here/data" "$here/site-templates" "$work/project/"
ln -s "$here/node_modules" "$work/project/node_modules"
sed 's/^vitrine.theme *=.*/vitrine.theme=neutral/' "$here/jbake.properties" > "$work/project/jbake.properties"
"$here/vitrine" build --source "$work/project" --output "$work/neutral" >/dev/null

# A team's site on three years of synthetic data (the fixture of StatsPagesTest, not real data).
java -cp "$here/target/test-classes" fr.vitrine.testing.TestSites > "$work/synthetique.csv"
(cd "$work" && "$here/vitrine" stats --source "$here" --metrics synthetique.csv --output "$work/team" >/dev/null)

# The products listing filtered: the first listing page of a facet value (/produits/<facet>/<value>/), else the listing.
filtered=$(cd "$work/dsfr" && find produits -mindepth 3 -maxdepth 3 -name index.html ! -path '*/stats/*' | sort | head -n 1)
if [ -n "$filtered" ]; then
  pages="$pages produits=/${filtered%index.html}"
else
  echo "screenshots.sh: no /produits/<facet>/<value>/ page in this build: the products listing unfiltered" >&2
  pages="$pages produits=/produits/"
fi
pages="$pages financements-telephone@390=/financements/"

mkdir -p "$work/shots"
node "$here/src/test/js/screenshots.mjs" "$work/team" "$work/shots" stats-synthetic=/
for theme in dsfr neutral; do
  # shellcheck disable=SC2086
  node "$here/src/test/js/screenshots.mjs" "$work/$theme" "$work/shots" $(for p in $pages; do echo "$theme-$p"; done)
done
cp "$work"/shots/*.png "$here/docs/images/"
ls "$here/docs/images"
