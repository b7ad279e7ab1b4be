#!/usr/bin/env bash
# Debian packages Woonafspraken needs, installing only what is missing.
#   run:  Pango and fonts for the PDF documents (WeasyPrint)
#   test: also Chromium for the browser tests, poppler-utils (pdftoppm) and gettext
set -euo pipefail
need=()
ldconfig -p | grep -q "libpangoft2-1.0.so.0" || need+=(libpangoft2-1.0-0)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ "${1:-test}" = "test" ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
  command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
fi
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
echo "Installing Debian packages: ${need[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
