#!/usr/bin/env bash
# Makes .venv-dev: the Python used to run the bridge's own tests, ruff and
# protobuf generation (grpcio-tools). The product never uses it: users' workers
# run in environments that the EnvironmentManager builds. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-dev
stamp="$venv/.snakepit-dev-stamp"
want="$(sha256sum python/pyproject.toml scripts/dev-python.sh | sha256sum | cut -c1-16)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then exit 0; fi
echo "dev-python: creating $venv (bridge + test tools)"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --upgrade pip
"$venv/bin/pip" install --quiet -e "python[numpy,dev]" "grpcio-tools==1.85.1"
echo "$want" > "$stamp"
