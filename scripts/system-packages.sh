#!/usr/bin/env bash
# Install the Debian packages named as arguments when they are missing and apt-get can run
# (as root, or with password-less sudo). Elsewhere, say what is missing and carry on: the
# features that need them report their absence themselves.
set -u

missing=()
for package in "$@"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "note: install ${missing[*]} with your package manager for the features that use them" >&2
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "note: run 'sudo apt-get install ${missing[*]}' for the features that use them" >&2
  exit 0
fi

echo "installing ${missing[*]} from Debian's packages"
"${sudo[@]}" apt-get update -qq \
  && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
     "${missing[@]}" >/dev/null \
  || echo "note: could not install ${missing[*]}; the features that use them will say so" >&2
exit 0
