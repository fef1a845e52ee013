"""Resource limits are set on the worker process itself, before it serves."""

from __future__ import annotations

import subprocess
import sys


def test_apply_limits_sets_address_space_and_cpu_time() -> None:
    script = (
        "import resource; from snakepit_bridge.limits import apply_limits; "
        "apply_limits(memory_mb=512, cpu_seconds=30); "
        "print(resource.getrlimit(resource.RLIMIT_AS)[0], resource.getrlimit(resource.RLIMIT_CPU)[0])"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=30)
    assert result.stdout.split() == [str(512 * 1024 * 1024), "30"]


def test_past_the_address_space_limit_python_raises_memory_error() -> None:
    script = (
        "from snakepit_bridge.limits import apply_limits; apply_limits(memory_mb=200)\n"
        "try:\n    bytearray(400 * 1024 * 1024)\nexcept MemoryError:\n    print('MemoryError')"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=30)
    assert result.stdout.strip() == "MemoryError"
