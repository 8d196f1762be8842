#!/usr/bin/env bash
# Debian packages Yuva needs. At run time: HarfBuzz's subsetter (WeasyPrint renders
# ~8x slower without it). With --test also what the tests decode PDFs with: poppler's
# pdftoppm (PDF → PNG) and zbar (QR and EAN-13 decoding). Installs them when we may
# (root with apt), otherwise says exactly what to install and fails.
set -euo pipefail
needed=()
ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset.so.0' || needed+=(libharfbuzz-subset0)
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so.0' || needed+=(libpango-1.0-0 libpangoft2-1.0-0)
if [ "${1:-}" = "--test" ]; then
  command -v pdftoppm >/dev/null || needed+=(poppler-utils)
  command -v zbarimg >/dev/null || needed+=(zbar-tools)
fi
[ ${#needed[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages: ${needed[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${needed[@]}" >/dev/null
  exit 0
fi
echo "Yuva needs these system packages: ${needed[*]}" >&2
echo "Install them with: sudo apt-get install ${needed[*]}" >&2
exit 1
