#!/usr/bin/env bash
# Fails when the checked-in generated code differs from what proto/ generates.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/proto-generate.sh
if ! git diff --quiet -- packages/transport-grpc/src/gen python/snakepit_bridge/gen; then
  echo "Generated protobuf code is out of date. Run 'npm run proto:generate' and commit the result:" >&2
  git diff --stat -- packages/transport-grpc/src/gen python/snakepit_bridge/gen >&2
  exit 1
fi
echo "proto: generated code is up to date"
