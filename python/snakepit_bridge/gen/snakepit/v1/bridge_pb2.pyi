from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ResultMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RESULT_MODE_AUTO: _ClassVar[ResultMode]
    RESULT_MODE_REF: _ClassVar[ResultMode]
    RESULT_MODE_VALUE: _ClassVar[ResultMode]

class CallKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CALL_KIND_CALL: _ClassVar[CallKind]
    CALL_KIND_GET_ATTR: _ClassVar[CallKind]
    CALL_KIND_SET_ATTR: _ClassVar[CallKind]
    CALL_KIND_MAP: _ClassVar[CallKind]
RESULT_MODE_AUTO: ResultMode
RESULT_MODE_REF: ResultMode
RESULT_MODE_VALUE: ResultMode
CALL_KIND_CALL: CallKind
CALL_KIND_GET_ATTR: CallKind
CALL_KIND_SET_ATTR: CallKind
CALL_KIND_MAP: CallKind

class CallRequest(_message.Message):
    __slots__ = ("id", "target", "ref_id", "attribute", "args", "kwargs", "deadline_ms", "result_mode", "kind", "traceparent", "tracestate")
    ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    REF_ID_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTE_FIELD_NUMBER: _ClassVar[int]
    ARGS_FIELD_NUMBER: _ClassVar[int]
    KWARGS_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_MS_FIELD_NUMBER: _ClassVar[int]
    RESULT_MODE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TRACEPARENT_FIELD_NUMBER: _ClassVar[int]
    TRACESTATE_FIELD_NUMBER: _ClassVar[int]
    id: int
    target: str
    ref_id: str
    attribute: str
    args: bytes
    kwargs: bytes
    deadline_ms: int
    result_mode: ResultMode
    kind: CallKind
    traceparent: str
    tracestate: str
    def __init__(self, id: _Optional[int] = ..., target: _Optional[str] = ..., ref_id: _Optional[str] = ..., attribute: _Optional[str] = ..., args: _Optional[bytes] = ..., kwargs: _Optional[bytes] = ..., deadline_ms: _Optional[int] = ..., result_mode: _Optional[_Union[ResultMode, str]] = ..., kind: _Optional[_Union[CallKind, str]] = ..., traceparent: _Optional[str] = ..., tracestate: _Optional[str] = ...) -> None: ...

class PythonError(_message.Message):
    __slots__ = ("type", "module", "message", "traceback", "bridge_code")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    MODULE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    TRACEBACK_FIELD_NUMBER: _ClassVar[int]
    BRIDGE_CODE_FIELD_NUMBER: _ClassVar[int]
    type: str
    module: str
    message: str
    traceback: str
    bridge_code: str
    def __init__(self, type: _Optional[str] = ..., module: _Optional[str] = ..., message: _Optional[str] = ..., traceback: _Optional[str] = ..., bridge_code: _Optional[str] = ...) -> None: ...

class CallReply(_message.Message):
    __slots__ = ("id", "value", "error")
    ID_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    id: int
    value: bytes
    error: PythonError
    def __init__(self, id: _Optional[int] = ..., value: _Optional[bytes] = ..., error: _Optional[_Union[PythonError, _Mapping]] = ...) -> None: ...

class BatchRequest(_message.Message):
    __slots__ = ("calls", "stop_on_error")
    CALLS_FIELD_NUMBER: _ClassVar[int]
    STOP_ON_ERROR_FIELD_NUMBER: _ClassVar[int]
    calls: _containers.RepeatedCompositeFieldContainer[CallRequest]
    stop_on_error: bool
    def __init__(self, calls: _Optional[_Iterable[_Union[CallRequest, _Mapping]]] = ..., stop_on_error: _Optional[bool] = ...) -> None: ...

class BatchReply(_message.Message):
    __slots__ = ("replies",)
    REPLIES_FIELD_NUMBER: _ClassVar[int]
    replies: _containers.RepeatedCompositeFieldContainer[CallReply]
    def __init__(self, replies: _Optional[_Iterable[_Union[CallReply, _Mapping]]] = ...) -> None: ...

class ClientFrame(_message.Message):
    __slots__ = ("calls", "cancel", "release", "callback_replies", "client_polling")
    CALLS_FIELD_NUMBER: _ClassVar[int]
    CANCEL_FIELD_NUMBER: _ClassVar[int]
    RELEASE_FIELD_NUMBER: _ClassVar[int]
    CALLBACK_REPLIES_FIELD_NUMBER: _ClassVar[int]
    CLIENT_POLLING_FIELD_NUMBER: _ClassVar[int]
    calls: _containers.RepeatedCompositeFieldContainer[CallRequest]
    cancel: _containers.RepeatedScalarFieldContainer[int]
    release: _containers.RepeatedScalarFieldContainer[str]
    callback_replies: _containers.RepeatedCompositeFieldContainer[CallbackReply]
    client_polling: bool
    def __init__(self, calls: _Optional[_Iterable[_Union[CallRequest, _Mapping]]] = ..., cancel: _Optional[_Iterable[int]] = ..., release: _Optional[_Iterable[str]] = ..., callback_replies: _Optional[_Iterable[_Union[CallbackReply, _Mapping]]] = ..., client_polling: _Optional[bool] = ...) -> None: ...

class ServerFrame(_message.Message):
    __slots__ = ("replies", "callbacks", "callback_cancel", "callback_release", "run_micros")
    REPLIES_FIELD_NUMBER: _ClassVar[int]
    CALLBACKS_FIELD_NUMBER: _ClassVar[int]
    CALLBACK_CANCEL_FIELD_NUMBER: _ClassVar[int]
    CALLBACK_RELEASE_FIELD_NUMBER: _ClassVar[int]
    RUN_MICROS_FIELD_NUMBER: _ClassVar[int]
    replies: _containers.RepeatedCompositeFieldContainer[CallReply]
    callbacks: _containers.RepeatedCompositeFieldContainer[CallbackInvocation]
    callback_cancel: _containers.RepeatedScalarFieldContainer[int]
    callback_release: _containers.RepeatedScalarFieldContainer[int]
    run_micros: int
    def __init__(self, replies: _Optional[_Iterable[_Union[CallReply, _Mapping]]] = ..., callbacks: _Optional[_Iterable[_Union[CallbackInvocation, _Mapping]]] = ..., callback_cancel: _Optional[_Iterable[int]] = ..., callback_release: _Optional[_Iterable[int]] = ..., run_micros: _Optional[int] = ...) -> None: ...

class CallbackInvocation(_message.Message):
    __slots__ = ("id", "handle", "tool", "args", "kwargs", "deadline_ms", "call_id")
    ID_FIELD_NUMBER: _ClassVar[int]
    HANDLE_FIELD_NUMBER: _ClassVar[int]
    TOOL_FIELD_NUMBER: _ClassVar[int]
    ARGS_FIELD_NUMBER: _ClassVar[int]
    KWARGS_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_MS_FIELD_NUMBER: _ClassVar[int]
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    id: int
    handle: int
    tool: str
    args: bytes
    kwargs: bytes
    deadline_ms: int
    call_id: int
    def __init__(self, id: _Optional[int] = ..., handle: _Optional[int] = ..., tool: _Optional[str] = ..., args: _Optional[bytes] = ..., kwargs: _Optional[bytes] = ..., deadline_ms: _Optional[int] = ..., call_id: _Optional[int] = ...) -> None: ...

class CallbackError(_message.Message):
    __slots__ = ("name", "message", "stack", "code")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    STACK_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    name: str
    message: str
    stack: str
    code: str
    def __init__(self, name: _Optional[str] = ..., message: _Optional[str] = ..., stack: _Optional[str] = ..., code: _Optional[str] = ...) -> None: ...

class CallbackReply(_message.Message):
    __slots__ = ("id", "value", "error")
    ID_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    id: int
    value: bytes
    error: CallbackError
    def __init__(self, id: _Optional[int] = ..., value: _Optional[bytes] = ..., error: _Optional[_Union[CallbackError, _Mapping]] = ...) -> None: ...

class StreamItem(_message.Message):
    __slots__ = ("item", "error")
    ITEM_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    item: bytes
    error: PythonError
    def __init__(self, item: _Optional[bytes] = ..., error: _Optional[_Union[PythonError, _Mapping]] = ...) -> None: ...

class ReleaseRequest(_message.Message):
    __slots__ = ("ref_ids",)
    REF_IDS_FIELD_NUMBER: _ClassVar[int]
    ref_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, ref_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class ReleaseReply(_message.Message):
    __slots__ = ("released",)
    RELEASED_FIELD_NUMBER: _ClassVar[int]
    released: int
    def __init__(self, released: _Optional[int] = ...) -> None: ...

class CancelRequest(_message.Message):
    __slots__ = ("ids",)
    IDS_FIELD_NUMBER: _ClassVar[int]
    ids: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, ids: _Optional[_Iterable[int]] = ...) -> None: ...

class CancelReply(_message.Message):
    __slots__ = ("cancelled",)
    CANCELLED_FIELD_NUMBER: _ClassVar[int]
    cancelled: int
    def __init__(self, cancelled: _Optional[int] = ...) -> None: ...

class DescribeRequest(_message.Message):
    __slots__ = ("target", "members")
    TARGET_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    target: str
    members: bool
    def __init__(self, target: _Optional[str] = ..., members: _Optional[bool] = ...) -> None: ...

class DescribeReply(_message.Message):
    __slots__ = ("description_json", "error")
    DESCRIPTION_JSON_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    description_json: str
    error: PythonError
    def __init__(self, description_json: _Optional[str] = ..., error: _Optional[_Union[PythonError, _Mapping]] = ...) -> None: ...

class HealthRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class HealthReply(_message.Message):
    __slots__ = ("ready", "pid", "python_version", "bridge_version", "in_flight", "refs", "rss_bytes", "instance_id")
    READY_FIELD_NUMBER: _ClassVar[int]
    PID_FIELD_NUMBER: _ClassVar[int]
    PYTHON_VERSION_FIELD_NUMBER: _ClassVar[int]
    BRIDGE_VERSION_FIELD_NUMBER: _ClassVar[int]
    IN_FLIGHT_FIELD_NUMBER: _ClassVar[int]
    REFS_FIELD_NUMBER: _ClassVar[int]
    RSS_BYTES_FIELD_NUMBER: _ClassVar[int]
    INSTANCE_ID_FIELD_NUMBER: _ClassVar[int]
    ready: bool
    pid: int
    python_version: str
    bridge_version: str
    in_flight: int
    refs: int
    rss_bytes: int
    instance_id: str
    def __init__(self, ready: _Optional[bool] = ..., pid: _Optional[int] = ..., python_version: _Optional[str] = ..., bridge_version: _Optional[str] = ..., in_flight: _Optional[int] = ..., refs: _Optional[int] = ..., rss_bytes: _Optional[int] = ..., instance_id: _Optional[str] = ...) -> None: ...
