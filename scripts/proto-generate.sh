#!/usr/bin/env bash
# Regenerates the checked-in code for proto/: TypeScript (buf + protoc-gen-es,
# both from npm) and Python (grpcio-tools). Run after editing a .proto file.
set -euo pipefail
cd "$(dirname "$0")/.."
PATH="$PWD/node_modules/.bin:$PATH"
buf generate
python_bin="${SNAKEPIT_PYTHON_DEV:-.venv-dev/bin/python}"
out=python/snakepit_bridge/gen
mkdir -p "$out"
"$python_bin" -m grpc_tools.protoc -Iproto --python_out="$out" --pyi_out="$out" --grpc_python_out="$out" proto/snakepit/v1/bridge.proto
# grpcio-tools writes absolute imports ("from snakepit.v1 import ..."); make them package-relative.
sed -i 's/^from snakepit\.v1 import bridge_pb2/from . import bridge_pb2/' "$out/snakepit/v1/bridge_pb2_grpc.py"
touch "$out/__init__.py" "$out/snakepit/__init__.py" "$out/snakepit/v1/__init__.py"
