#!/usr/bin/env bash
# Installs the Debian packages the test suite needs. Idempotent and quiet.
# - chromium: the browser the UI tests drive through playwright-core
# - Mesa 25 lavapipe from bookworm-backports: a software Vulkan device, so ONNX Runtime's WebGPU
#   provider is exercised in CI (bookworm's own Mesa 22 lacks what Dawn needs)
set -euo pipefail

have_all() {
  dpkg-query -W -f='${Status}\n' "$@" 2>/dev/null | grep -c 'install ok installed' | grep -qx "$#"
}

mesa_is_backport() {
  dpkg-query -W -f='${Version}' mesa-vulkan-drivers 2>/dev/null | grep -q 'bpo'
}

if have_all chromium mesa-vulkan-drivers libvulkan1 && mesa_is_backport; then
  exit 0
fi

sources=/etc/apt/sources.list.d/debian.sources
backports=/etc/apt/sources.list.d/tessera-backports.sources
if [ ! -f "$backports" ]; then
  # Same mirror as the system's own Debian sources, so machines behind a mirror keep working.
  uri=$(awk '/^URIs:/ && $2 ~ /debian\/?$/ {print $2; exit}' "$sources" 2>/dev/null || true)
  uri=${uri:-http://deb.debian.org/debian}
  cat > "$backports" <<SRC
Types: deb
URIs: $uri
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
apt-get install -y -qq --no-install-recommends -t bookworm-backports mesa-vulkan-drivers libvulkan1 >/dev/null
