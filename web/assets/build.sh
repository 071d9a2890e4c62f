#!/usr/bin/env bash
# Rebuild the vendored front-end assets in web/static from the pinned npm
# packages in package.json / package-lock.json.
#
#   bash web/assets/build.sh
#
# Needs node (>= 20.19) and npm. Installs into web/assets/node_modules
# (git-ignored), compiles casework.scss and copies the built files across.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
static="$(cd "$here/../static" && pwd)"
cd "$here"

# Install exactly what the lock file records. Install scripts are not needed
# (the only one belongs to an optional file watcher used by `sass --watch`).
if [ -f package-lock.json ]; then
  npm ci --ignore-scripts --no-audit --no-fund
else
  npm install --ignore-scripts --no-audit --no-fund
fi

gf="node_modules/govuk-frontend"
gf_dist="$gf/dist/govuk"
htmx="node_modules/htmx.org"

rm -rf "$static/govuk" "$static/htmx"
mkdir -p "$static/govuk" "$static/htmx"

# Stylesheet: GOV.UK Frontend compiled with the system font stack.
npx --no-install sass --style=compressed --no-source-map --load-path=node_modules \
  casework.scss "$static/govuk/govuk-frontend.min.css"

# Fail loudly if the restricted typeface ever creeps back in.
if grep -q -e 'GDS Transport' -e '@font-face' "$static/govuk/govuk-frontend.min.css"; then
  echo "build.sh: compiled CSS still references the GDS Transport font" >&2
  exit 1
fi

# JavaScript: the ES module build, with its source map.
cp "$gf_dist/govuk-frontend.min.js" "$gf_dist/govuk-frontend.min.js.map" "$static/govuk/"

# Images: the package only ships crown-based favicons/icons and the crest,
# which a service outside GOV.UK must not use, so none are copied. Fonts are
# deliberately not copied either. Anything else that turns up in a later
# release is copied unless its name says it is a crown/crest/GOV.UK icon.
if [ -d "$gf_dist/assets/images" ]; then
  for f in "$gf_dist/assets/images/"*; do
    name="$(basename "$f")"
    case "$name" in
      favicon.*|govuk-*|*crown*|*crest*) continue ;;
    esac
    mkdir -p "$static/govuk/assets/images"
    cp "$f" "$static/govuk/assets/images/"
  done
fi

# Licences. The govuk-frontend npm package declares MIT in its package.json
# but ships no licence file, so the project's licence text is kept in
# licences/ and copied next to the vendored files.
cp licences/govuk-frontend-LICENSE.txt "$static/govuk/LICENSE.txt"
gf_version="$(node -p "require('./$gf/package.json').version")"
htmx_version="$(node -p "require('./$htmx/package.json').version")"
printf 'govuk-frontend %s (npm), licensed MIT: see LICENSE.txt.\n' "$gf_version" > "$static/govuk/VERSION.txt"
printf 'htmx.org %s (npm), licensed 0BSD: see LICENSE.\n' "$htmx_version" > "$static/htmx/VERSION.txt"

cp "$htmx/dist/htmx.min.js" "$static/htmx/htmx.min.js"
cp "$htmx/LICENSE" "$static/htmx/LICENSE"

echo "Built govuk-frontend $gf_version and htmx.org $htmx_version into $static"
