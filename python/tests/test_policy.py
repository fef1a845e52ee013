"""The worker's allowlist: strict and dynamic grants, the always-refused list, aliases."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from snakepit_bridge import policy
from snakepit_bridge.dispatch import Dispatcher
from snakepit_bridge.errors import NotAllowedError
from snakepit_bridge.refs import RefRegistry


@pytest.fixture
def use_policy() -> Iterator[object]:
    def use(mode: str, grants: list[str] | None = None) -> Dispatcher:
        policy.configure(policy.Policy(mode, grants))
        return Dispatcher(RefRegistry())

    yield use
    policy.configure(None)


REFUSED_BY_DEFAULT = [
    "builtins.eval",
    "builtins.exec",
    "builtins.getattr",
    "builtins.__import__",
    "os.system",
    "os.execv",
    "os.spawnl",
    "os.path.os.system",  # os.path imports os: the suffix rule catches it
    "subprocess.run",
    "pty.spawn",
    "shutil.rmtree",
    "pickle.loads",
    "marshal.loads",
    "ctypes.string_at",
    "code.interact",
    "runpy.run_path",
    "sys.modules",
    "os.__class__",
    "os.path._get_sep",
    "snakepit_bridge.cli.prepare_socket_path",
    "os..system",
    "../etc/passwd",
    "os/system",
]


@pytest.mark.parametrize("path", REFUSED_BY_DEFAULT)
def test_the_default_policy_refuses_dangerous_paths(use_policy, path: str) -> None:
    dispatcher = use_policy("dynamic")
    with pytest.raises(NotAllowedError):
        dispatcher.call(target=path, args=["true"])


def test_the_default_policy_allows_ordinary_calls(use_policy) -> None:
    dispatcher = use_policy("dynamic")
    assert dispatcher.call_path("math.sqrt", [49], {}) == 7


def test_an_alias_under_a_granted_prefix_is_refused_by_identity(use_policy) -> None:
    dispatcher = use_policy("dynamic", ["posixpath.*"])
    with pytest.raises(NotAllowedError, match="always-refused|refused module"):
        dispatcher.resolve("posixpath.os.system")  # a suffix rule refuses it
    with pytest.raises(NotAllowedError, match="always-refused"):
        policy.current().check_value("innocent.name", __import__("os").system)


def test_a_ref_attribute_reaching_a_refused_function_is_refused(use_policy) -> None:
    refs = RefRegistry()
    policy.configure(policy.Policy("dynamic"))
    dispatcher = Dispatcher(refs)
    ref_id = refs.register(__import__("os"))
    with pytest.raises(NotAllowedError):
        dispatcher.call(ref_id=ref_id, attribute="system", args=["true"])
    policy.configure(None)


def test_strict_mode_allows_only_granted_paths(use_policy) -> None:
    dispatcher = use_policy("strict", ["statistics.mean"])
    assert dispatcher.call_path("statistics.mean", [[1, 2, 3]], {}) == 2
    with pytest.raises(NotAllowedError, match="strict allowlist"):
        dispatcher.call_path("math.sqrt", [4], {})


def test_an_exact_grant_lifts_the_always_refused_list(use_policy) -> None:
    dispatcher = use_policy("dynamic", ["*", "os.getpid", "builtins.getattr"])
    assert dispatcher.call_path("builtins.getattr", [1, "real"], {}) == 1
    wildcard_only = use_policy("dynamic", ["builtins.*"])
    with pytest.raises(NotAllowedError):
        wildcard_only.call_path("builtins.getattr", [1, "real"], {})


def test_the_environment_carries_the_policy() -> None:
    strict = policy.Policy.from_environment({"SNAKEPIT_SECURITY_MODE": "strict", "SNAKEPIT_ALLOW": '["math.*"]'})
    strict.check_path("math.sqrt")
    with pytest.raises(NotAllowedError):
        strict.check_path("statistics.mean")
    with pytest.raises(ValueError, match="JSON list"):
        policy.Policy.from_environment({"SNAKEPIT_ALLOW": '{"math": 1}'})


def test_introspection_is_not_limited_by_the_allowlist(use_policy) -> None:
    dispatcher = use_policy("strict", [])
    assert dispatcher.inspect_target("math.sqrt")(4) == 2
    with pytest.raises(NotAllowedError):
        dispatcher.inspect_target("os.__class__")
