#!/usr/bin/env bash
# The Python bridge's checks: ruff, then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/dev-python.sh
.venv-dev/bin/ruff check python
cd python && ../.venv-dev/bin/python -m pytest -q -p no:cacheprovider
