"""Exceptions of the bridge itself and their translation to the wire's PythonError.

User code raises whatever it raises; the bridge adds a ``bridge_code`` only when the
failure is the bridge's own (bad path, unknown ref, codec, cancellation), so the
TypeScript side can tell "numpy raised ValueError" from "you asked for numpy.mena".
"""

from __future__ import annotations

import os
import traceback
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .gen.snakepit.v1 import bridge_pb2


class BridgeError(Exception):
    """A failure of the bridge rather than of user code; ``code`` travels as bridge_code."""

    code = "bad_request"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


class NotFoundError(BridgeError):
    """A dotted path or attribute does not exist."""

    code = "not_found"


class NotAllowedError(BridgeError):
    """A private or dunder name was asked for; the bridge only walks public names."""

    code = "not_allowed"


class NotCallableError(BridgeError):
    """CALL on something that cannot be called."""

    code = "not_callable"


class UnknownRefError(BridgeError):
    """A ref id that this worker never issued or already released."""

    code = "unknown_ref"


class EncodeError(BridgeError, TypeError):
    """A result could not be encoded (result mode VALUE, or an unsupported value)."""

    code = "encode"


class DecodeError(BridgeError, TypeError):
    """Arguments could not be decoded (malformed MessagePack, unknown ext type)."""

    code = "decode"


class CallInterrupted(BaseException):
    """Raised inside running user code to stop it: cancellation or deadline.

    A BaseException, like KeyboardInterrupt, so that ``except Exception`` in user code
    does not swallow it.
    """

    def __init__(self, code: str = "cancelled") -> None:
        super().__init__("call cancelled by the caller" if code == "cancelled" else "call exceeded its deadline")
        self.code = code


def python_error(error: BaseException) -> bridge_pb2.PythonError:
    """Builds the wire form of an exception: type, module, message, traceback, bridge_code.

    The traceback starts at the first frame of user code: the bridge's own frames
    (dispatch, codec) say nothing to the person reading it. Bridge errors carry none.
    """
    from .gen.snakepit.v1 import bridge_pb2

    error_type = type(error)
    if isinstance(error, (BridgeError, CallInterrupted)):
        bridge_code = error.code
        formatted = ""
    else:
        bridge_code = ""
        formatted = "".join(traceback.format_exception(type(error), error, _user_frames(error.__traceback__)))
    return bridge_pb2.PythonError(
        type=error_type.__qualname__,
        module=error_type.__module__,
        message=str(error),
        traceback=formatted,
        bridge_code=bridge_code,
    )


def bridge_failure(code: str, message: str) -> bridge_pb2.PythonError:
    """A PythonError for a bridge-side condition that has no exception (e.g. a queued call cancelled)."""
    from .gen.snakepit.v1 import bridge_pb2

    return bridge_pb2.PythonError(
        type="CallInterrupted" if code in ("cancelled", "deadline") else "BridgeError",
        module=__name__,
        message=message,
        bridge_code=code,
    )


_PACKAGE_DIRECTORY = os.path.dirname(os.path.abspath(__file__))


def _user_frames(trace: TracebackType | None) -> TracebackType | None:
    """Skips the leading frames that belong to this package."""
    first = trace
    while first is not None and first.tb_frame.f_code.co_filename.startswith(_PACKAGE_DIRECTORY):
        first = first.tb_next
    return first if first is not None else trace
