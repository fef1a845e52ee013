#!/usr/bin/env bash
# `npm test`: everything CI checks, in the order that fails fastest.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n=== %s ===\n' "$*"; }
step "set-up: dev Python, redis-server"
bash scripts/dev-python.sh
bash scripts/ensure-redis.sh
step "generated protobuf code is current"
bash scripts/proto-check.sh
step "build (tsc -b, strict)"
npm run build
step "type-check the package tests (vitest runs them without checking types)"
npm run typecheck:tests
step "lint (module boundaries)"
npm run lint
step "python bridge: ruff + pytest"
bash scripts/python-test.sh
step "package tests (nx)"
npm run test:unit
step "end-to-end (real uv, real workers)"
npm run test:e2e
