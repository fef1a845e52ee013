"""Callbacks (callbacks.py): a real worker calls functions of its client, which this test plays.

The test speaks the fast-lane protocol (framed.py) directly: it sends a call whose
arguments hold an ext 9 handle, receives the CallbackInvocation the worker sends,
and answers it (or not) as the TypeScript side would.
"""

from __future__ import annotations

from collections.abc import Iterator

import msgpack
import pytest
from conftest import TOKEN, Worker, start_worker, stop_worker
from rpc_helpers import ref_id_of, request, value_of
from test_framed import FrameClient

from snakepit_bridge.gen.snakepit.v1 import bridge_pb2


def handle(number: int, name: str = "fn", arity: int = 1) -> msgpack.ExtType:
    return msgpack.ExtType(9, msgpack.packb([number, name, arity]))


def call(call_id: int, target: str, *args: object, **fields: object) -> bridge_pb2.ClientFrame:
    packed = msgpack.packb(list(args), use_bin_type=True)
    return bridge_pb2.ClientFrame(calls=[request(call_id, target, args=packed, **fields)])


def answer(invocation_id: int, value: object) -> bridge_pb2.ClientFrame:
    reply = bridge_pb2.CallbackReply(id=invocation_id, value=msgpack.packb(value))
    return bridge_pb2.ClientFrame(callback_replies=[reply])


class Client(FrameClient):
    """Collects what arrives, so a test can wait for the next invocation, reply or release."""

    def __init__(self, path: str, token: str) -> None:
        super().__init__(path, token)
        self.invocations: list[bridge_pb2.CallbackInvocation] = []
        self.replies: dict[int, bridge_pb2.CallReply] = {}
        self.cancelled: list[int] = []
        self.released: list[int] = []

    def pump(self) -> None:
        frame = self.receive()
        self.invocations.extend(frame.callbacks)
        self.replies.update({reply.id: reply for reply in frame.replies})
        self.cancelled.extend(frame.callback_cancel)
        self.released.extend(frame.callback_release)

    def next_invocation(self) -> bridge_pb2.CallbackInvocation:
        while not self.invocations:
            self.pump()
        return self.invocations.pop(0)

    def reply(self, call_id: int) -> bridge_pb2.CallReply:
        while call_id not in self.replies:
            self.pump()
        return self.replies.pop(call_id)

    def args(self, invocation: bridge_pb2.CallbackInvocation) -> list[object]:
        return msgpack.unpackb(invocation.args) if invocation.args else []


@pytest.fixture(scope="module")
def worker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Worker, str]]:
    folder = tmp_path_factory.mktemp("callbacks")
    frame_socket = folder / "worker.frames.sock"
    started = start_worker(folder / "worker.sock", extra=["--frame-socket", str(frame_socket)])
    try:
        yield started, str(frame_socket)
    finally:
        stop_worker(started)


@pytest.fixture
def client(worker: tuple[Worker, str]) -> Iterator[Client]:
    connection = Client(worker[1], TOKEN)
    try:
        yield connection
    finally:
        connection.socket.close()


def test_a_callback_is_called_with_its_arguments_and_its_result_is_used(client: Client) -> None:
    client.send(call(1, "callback_helpers.twice", handle(1), 2))
    first = client.next_invocation()
    assert (first.handle, first.call_id, client.args(first)) == (1, 1, [2])
    client.send(answer(first.id, 6))
    second = client.next_invocation()
    assert client.args(second) == [6]
    client.send(answer(second.id, 18))
    assert value_of(client.reply(1)) == 18
    while 1 not in client.released:  # nothing holds the proxy after the call: TypeScript may forget it
        client.pump()


def test_keyword_arguments_travel_as_a_map(client: Client) -> None:
    client.send(call(1, "callback_helpers.with_keywords", handle(2)))
    invocation = client.next_invocation()
    assert client.args(invocation) == [1]
    assert msgpack.unpackb(invocation.kwargs) == {"step": 2}
    client.send(answer(invocation.id, None))
    assert value_of(client.reply(1)) is None


def test_a_callback_may_call_the_same_worker_while_python_waits_for_it(client: Client) -> None:
    client.send(call(1, "callback_helpers.twice", handle(3), 16))
    invocation = client.next_invocation()
    client.send(call(2, "math.sqrt", 16))  # the executor is busy with call 1, which waits for us
    assert value_of(client.reply(2)) == 4.0
    client.send(answer(invocation.id, 4.0))
    client.send(answer(client.next_invocation().id, 2.0))
    assert value_of(client.reply(1)) == 2.0


def test_a_typescript_error_is_raised_in_python_and_leaves_the_call_with_its_stack(client: Client) -> None:
    client.send(call(1, "callback_helpers.twice", handle(4), 1))
    invocation = client.next_invocation()
    error = bridge_pb2.CallbackError(
        name="TypeError", message="no good", stack="TypeError: no good\n    at thrower (app.ts:3:9)"
    )
    client.send(bridge_pb2.ClientFrame(callback_replies=[bridge_pb2.CallbackReply(id=invocation.id, error=error)]))
    reply = client.reply(1)
    assert reply.error.type == "CallbackError"
    assert reply.error.module == "snakepit_bridge.callbacks"
    assert reply.error.message.startswith("TypeError: no good\nTypeScript stack:\n")
    assert "at thrower (app.ts:3:9)" in reply.error.message
    assert "callback_helpers.py" in reply.error.traceback


def test_the_calls_deadline_bounds_its_callback_and_typescript_is_told_to_stop(client: Client) -> None:
    client.send(call(1, "callback_helpers.twice", handle(5), 1, deadline_ms=300))
    invocation = client.next_invocation()
    assert 0 < invocation.deadline_ms <= 300
    reply = client.reply(1)  # never answered: the deadline ends the wait
    assert reply.error.bridge_code == "deadline"
    assert invocation.id in client.cancelled


def test_cancelling_the_call_cancels_the_callback_in_flight(client: Client) -> None:
    client.send(call(1, "callback_helpers.twice", handle(6), 1))
    invocation = client.next_invocation()
    client.send(bridge_pb2.ClientFrame(cancel=[1]))
    assert client.reply(1).error.bridge_code == "cancelled"
    while invocation.id not in client.cancelled:
        client.pump()


def test_a_callback_kept_by_a_ref_works_until_the_ref_is_released(client: Client) -> None:
    client.send(call(1, "callback_helpers.Holder", handle(7), result_mode=bridge_pb2.RESULT_MODE_REF))
    holder = ref_id_of(client.reply(1))
    client.send(call(2, "callback_helpers.call_kept", 5))
    client.send(answer(client.next_invocation().id, 50))
    assert value_of(client.reply(2)) == [50]
    client.send(bridge_pb2.ClientFrame(release=[holder]))
    while 7 not in client.released:
        client.pump()
    client.send(call(3, "callback_helpers.call_kept", 5))
    reply = client.reply(3)
    assert reply.error.type == "CallbackReleasedError"
    assert f"released together with the Python object that held it (ref {holder})" in reply.error.message
    client.send(call(4, "callback_helpers.drop_kept"))
    client.reply(4)


def test_a_callback_whose_session_ended_fails_clearly_instead_of_hanging(worker: tuple[Worker, str]) -> None:
    first = Client(worker[1], TOKEN)
    first.send(call(1, "callback_helpers.keep", handle(8)))
    assert value_of(first.reply(1)) == 1
    first.socket.close()
    second = Client(worker[1], TOKEN)
    try:
        second.send(call(1, "callback_helpers.call_kept", 1))
        reply = second.reply(1)
        assert reply.error.type == "CallbackReleasedError"
        # Either the proxy was already dead, or the call started just before the old session closed.
        assert "the TypeScript side closed the session" in reply.error.message
        second.send(call(2, "callback_helpers.drop_kept"))
        second.reply(2)
    finally:
        second.socket.close()


def test_tools_are_called_by_name_on_the_running_calls_session(client: Client) -> None:
    client.send(call(1, "callback_helpers.tool", "add", 2, 3))
    invocation = client.next_invocation()
    assert (invocation.tool, invocation.handle, client.args(invocation)) == ("add", 0, [2, 3])
    client.send(answer(invocation.id, 5))
    assert value_of(client.reply(1)) == 5


def test_a_function_outside_a_session_call_is_refused_with_advice() -> None:
    from snakepit_bridge.codec import Codec
    from snakepit_bridge.errors import BridgeError
    from snakepit_bridge.refs import RefRegistry

    with pytest.raises(BridgeError, match="callbacks work in call"):
        Codec(RefRegistry()).decode(msgpack.packb([handle(1)]))


def test_the_callback_errors_are_importable_from_the_package() -> None:
    import snakepit_bridge
    from snakepit_bridge.callbacks import CallbackError

    assert snakepit_bridge.CallbackError is CallbackError
    assert issubclass(snakepit_bridge.CallbackReleasedError, CallbackError)
    error = CallbackError("TypeError", "bad", "at f (a.ts:1:1)")
    assert str(error) == "TypeError: bad\nTypeScript stack:\nat f (a.ts:1:1)"


def test_a_callback_called_from_a_thread_of_user_code_waits_there(client: Client) -> None:
    client.send(call(1, "callback_helpers.from_a_thread", handle(9), 4))
    invocation = client.next_invocation()
    assert invocation.call_id == 0  # not the executor thread: the call is not known there
    client.send(answer(invocation.id, 40))
    assert value_of(client.reply(1)) == 40


@pytest.mark.parametrize(
    ("text", "seconds"), [("", 0.0003), ("0", 0.0), ("750", 0.00075), ("-5", 0.0), ("soon", 0.0003)]
)
def test_the_spin_of_a_call_waiting_for_a_callback_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, text: str, seconds: float
) -> None:
    from snakepit_bridge import lane_turns

    monkeypatch.setenv(lane_turns.SPIN_ENVIRONMENT_VARIABLE, text)
    monkeypatch.setattr(lane_turns, "_spin_seconds", None)
    assert lane_turns.spin_seconds() == pytest.approx(seconds)
