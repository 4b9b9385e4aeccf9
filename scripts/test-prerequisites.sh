#!/usr/bin/env bash
# What `npm test` needs beside node_modules: Debian's chromium (the browser tests drive it),
# docker-compose (it validates the pilot compose file) and fonts-dejavu-core (posters are set in it). Missing ones are installed with apt-get
# when this runs as root on Debian, as on the project's machines and in CI; otherwise (or with
# --check) the run stops at once with one line saying what to install.
set -euo pipefail

chromium=${CHROMIUM:-/usr/bin/chromium}
missing=()
[ -x "$chromium" ] || missing+=(chromium)
command -v docker-compose >/dev/null || missing+=(docker-compose)
[ -f "${DEJAVU_DIR:-/usr/share/fonts/truetype/dejavu}/DejaVuSans.ttf" ] || missing+=(fonts-dejavu-core)
[ ${#missing[@]} -eq 0 ] && exit 0

advice="npm test needs ${missing[*]}: install with 'sudo apt-get install ${missing[*]}'"
if [ "${1:-}" = --check ] || [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "$advice" >&2
  exit 1
fi
echo "installing what the tests need: ${missing[*]}"
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >/tmp/hotline-test-prerequisites.log 2>&1; then
  echo "$advice (apt-get failed, see /tmp/hotline-test-prerequisites.log)" >&2
  exit 1
fi
