#!/usr/bin/env bash
# Tests that need Redis start their own redis-server on loopback; this only
# makes sure the Debian package is installed (we are root on CI machines).
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "redis-server is not installed. Install it (Debian: sudo apt-get install -y redis-server) and run the tests again." >&2
  exit 1
fi
echo "ensure-redis: installing redis-server from Debian's packages"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
# The package starts a system service; tests start their own on a free port.
(service redis-server stop || true) >/dev/null 2>&1
