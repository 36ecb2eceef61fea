#!/usr/bin/env sh
# Rebuilds the README's screenshots: home, a convention and a /stats page of the bundled site, in the dsfr theme
# (as configured) and the neutral one, taken with Debian's headless Chromium (.ci/install-browser installs it).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pages="home=/ convention=/conventions/urbanvitaliz-convention-initiale/ stats=/produits/urbanvitaliz/stats/"

"$here/vitrine" build --source "$here" --output "$work/dsfr" >/dev/null
# The neutral theme: the same project with vitrine.theme=neutral.
mkdir "$work/project"
cp -r "$here/content" "$here/data" "$here/site-templates" "$work/project/"
ln -s "$here/node_modules" "$work/project/node_modules"
sed 's/^vitrine.theme *=.*/vitrine.theme=neutral/' "$here/jbake.properties" > "$work/project/jbake.properties"
"$here/vitrine" build --source "$work/project" --output "$work/neutral" >/dev/null

mkdir -p "$work/shots"
for theme in dsfr neutral; do
  # shellcheck disable=SC2086
  node "$here/src/test/js/screenshots.mjs" "$work/$theme" "$work/shots" $(for p in $pages; do echo "$theme-$p"; done)
done
cp "$work"/shots/*.png "$here/docs/images/"
ls "$here/docs/images"
