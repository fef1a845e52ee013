"""Per-worker resource limits, set once at startup so one runaway call cannot take the host.

    apply_limits(memory_mb=300, cpu_seconds=600)

Past the address-space limit (RLIMIT_AS) allocations fail and Python raises MemoryError,
which travels back as an ordinary PythonError; past the CPU limit (RLIMIT_CPU) the
kernel sends SIGXCPU, the worker dies, and the pool replaces it.
"""

from __future__ import annotations

import resource

_MEBIBYTE = 1024 * 1024


def apply_limits(memory_mb: int | None = None, cpu_seconds: int | None = None) -> None:
    """Lowers the soft and hard limits; a limit above the current hard limit is refused by the kernel."""
    if memory_mb is not None:
        _lower(resource.RLIMIT_AS, memory_mb * _MEBIBYTE)
    if cpu_seconds is not None:
        _lower(resource.RLIMIT_CPU, cpu_seconds)


def _lower(which: int, value: int) -> None:
    _soft, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY and value > hard:
        raise SystemExit(f"cannot raise a resource limit to {value}; the hard limit is {hard}")
    resource.setrlimit(which, (value, value))
