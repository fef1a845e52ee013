"""MessagePack with Snakepit's extension types: the payload codec of proto/CODEC.md.

    codec = Codec(RefRegistry())
    data = codec.encode({"a": (1, 2)}, ResultMode.AUTO)   # tuple travels as ext 5
    codec.decode(data)                                    # {"a": (1, 2)}

Encoding first *prepares* a value into the exact types the C packer handles alone
(plain containers, ExtType, Timestamp) and then packs it with a reused Packer. The
preparation checks whole lists with C-level ``set(map(type, ...))`` so long lists of
plain numbers cost almost nothing in Python.
"""

from __future__ import annotations

import datetime as _datetime
import enum
import threading
from typing import Any

import msgpack

from . import arrow, callbacks, large_args, ndarray, shared_memory, user_types
from .errors import BridgeError, DecodeError, EncodeError
from .refs import RefRegistry

BIGINT_EXT = 2
MAP_EXT = 4
TUPLE_EXT = 5
REF_EXT = 6
SET_EXT = 7
_KNOWN_EXTS = (
    "1 ndarray, 2 bigint, 4 Map, 5 tuple, 6 ref, 7 set, 8 Arrow, 9 callback, 10/11 shared memory, 12 user type, "
    "-1 timestamp"
)

# Integers JavaScript numbers hold exactly; beyond them ints travel as ext 2 (bigint).
MAX_SAFE_INTEGER = 2**53 - 1
_PLAIN_TYPES = frozenset({str, float, bool, type(None), bytes})
_SMALL_MAP = 8
# Large arguments of these types are decoded from the received bytes, not from msgpack's copy (large_args.py).
_IN_PLACE_DECODERS = {ndarray.NDARRAY_EXT: ndarray.decode, arrow.ARROW_EXT: arrow.decode_dataframe}
_UTC = _datetime.timezone.utc


class ResultMode(enum.IntEnum):
    """Mirror of bridge.proto's ResultMode: what to do with values the codec cannot encode."""

    AUTO = 0
    REF = 1
    VALUE = 2


# Members read once: an enum attribute lookup per call costs more than the comparison.
_REF = ResultMode.REF


class KeepRemote:
    """Wraps a result that must travel as a remote ref even when it could be copied (a pipeline's ``keep``)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


def python_type_name(value: Any) -> str:
    """Qualified type name for messages and refs: "numpy.ndarray", "dict" for builtins."""
    value_type = type(value)
    module = value_type.__module__
    return value_type.__qualname__ if module == "builtins" else f"{module}.{value_type.__qualname__}"


class Codec:
    """Encodes results and decodes arguments; remote refs are issued by and looked up in ``refs``."""

    def __init__(self, refs: RefRegistry) -> None:
        self._refs = refs
        # Packer keeps an internal buffer; one per thread because it is not thread-safe.
        self._local = threading.local()

    # ---- encoding -------------------------------------------------------------------

    def encode(self, value: Any, mode: ResultMode = ResultMode.AUTO) -> bytes:
        """MessagePack bytes for ``value``; mode REF always returns a ref, VALUE never creates one."""
        if mode == _REF:
            return self._pack(self._ref(value))
        # Most results are scalars: skip the array and frame probes that cost more than packing them.
        value_type = type(value)
        if value_type in _PLAIN_TYPES or (value_type is int and -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER):
            return self._pack(value)
        if value_type is list and len(value) == 1:  # a pipeline's one output: that value's own shortcuts, same bytes
            return b"\x91" + self.encode(value[0], mode)
        if value_type is dict or value_type is list:  # a pipeline's outputs, [results, failures] of a MAP
            return self._pack(self._prepare(value, mode))
        if ndarray.is_ndarray(value) and ndarray.encodable(value):
            shared = shared_memory.array_result(value)
            return self._pack(shared) if shared else _ext_bytes(ndarray.NDARRAY_EXT, *ndarray.encode_parts(value))
        if arrow.is_dataframe(value):
            table = arrow.to_table(value)
            if table is not None:
                shared = shared_memory.arrow_result(table)
                return self._pack(shared) if shared else _ext_bytes(arrow.ARROW_EXT, b"", arrow.stream_of(table))
        return self._pack(self._prepare(value, mode))

    def encode_arguments(self, args: tuple[Any, ...]) -> bytes:
        """The MessagePack array of a Python → TypeScript call's positional arguments.

        The same bytes as ``encode(list(args))``, written element by element: an array
        element then takes ``encode``'s own top-level shortcuts (one ext value, or the
        /dev/shm file) instead of the generic walk of a list — scipy's ``fun(x)`` gets
        an array on every call (≈ 5.6 → 4 µs).
        """
        if len(args) > 15:  # past a fixarray header: the generic path
            return self.encode(list(args))
        return b"".join([bytes((0x90 | len(args),)), *map(self.encode, args)])

    def _pack(self, prepared: Any) -> bytes:
        packer = getattr(self._local, "packer", None)
        if packer is None:
            packer = self._local.packer = msgpack.Packer(use_bin_type=True, datetime=False)
        return packer.pack(prepared)

    def _prepare(self, value: Any, mode: ResultMode) -> Any:
        value_type = type(value)
        if value_type in _PLAIN_TYPES:
            return value
        if value_type is int:
            return value if -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER else _bigint(value)
        if value_type is list:
            return self._prepare_list(value, mode)
        if value_type is dict:
            return self._prepare_dict(value, mode)
        return self._prepare_other(value, mode)

    def _prepare_list(self, items: list[Any], mode: ResultMode) -> list[Any]:
        item_types = set(map(type, items))
        if item_types <= _PLAIN_TYPES:
            return items
        if item_types == {int} and -MAX_SAFE_INTEGER <= min(items) and max(items) <= MAX_SAFE_INTEGER:
            return items
        return [self._prepare(item, mode) for item in items]

    def _prepare_dict(self, mapping: dict[Any, Any], mode: ResultMode) -> Any:
        if len(mapping) <= _SMALL_MAP:
            if _is_plain_small_map(mapping):
                return mapping  # {"value": 3}, one per settled call of a coalesced batch: checked without generators
            prepared = self._prepare_small_dict(mapping, mode)
            if prepared is not None:
                return prepared
        elif all(type(key) is str for key in mapping):
            values = list(mapping.values())
            if set(map(type, values)) <= _PLAIN_TYPES:
                return mapping
            return {key: self._prepare(item, mode) for key, item in mapping.items()}
        flat: list[Any] = []
        for key, item in mapping.items():
            flat.append(self._prepare(key, mode))
            flat.append(self._prepare(item, mode))
        return msgpack.ExtType(MAP_EXT, self._pack(flat))

    def _prepare_small_dict(self, mapping: dict[Any, Any], mode: ResultMode) -> dict[str, Any] | None:
        """A small string-keyed map with some values to prepare, in one pass (a pipeline's
        ``{"outputs": [...]}``: the generic path cost ≈ 3 µs); None when a key is not a string."""
        prepared: dict[str, Any] = {}
        for key, item in mapping.items():
            if type(key) is not str:
                return None
            prepared[key] = item if type(item) in _PLAIN_TYPES else self._prepare(item, mode)
        return prepared

    def _prepare_other(self, value: Any, mode: ResultMode) -> Any:
        if isinstance(value, KeepRemote):
            return self._ref(value.value)
        user_type = user_types.find(value)
        if user_type is not None:
            data = self._prepare(user_type.to_wire(value), mode)
            return msgpack.ExtType(user_types.USER_TYPE_EXT, self._pack([user_type.name, data]))
        # Arrays next: the argument of every call of a numerical callback (a scipy objective's x).
        if ndarray.is_ndarray(value) and ndarray.encodable(value):
            return shared_memory.array_result(value) or msgpack.ExtType(ndarray.NDARRAY_EXT, ndarray.encode(value))
        if isinstance(value, tuple):
            return msgpack.ExtType(TUPLE_EXT, self._pack(self._prepare_list(list(value), mode)))
        if isinstance(value, (set, frozenset)):
            return msgpack.ExtType(SET_EXT, self._pack(self._prepare_list(list(value), mode)))
        if isinstance(value, dict):
            return self._prepare_dict(dict(value), mode)
        if isinstance(value, list):
            return self._prepare_list(list(value), mode)
        if isinstance(value, (bytearray, memoryview)):
            return bytes(value)
        if isinstance(value, _datetime.datetime):
            aware = value if value.tzinfo is not None else value.replace(tzinfo=_UTC)
            return msgpack.Timestamp.from_datetime(aware)
        if isinstance(value, bool):
            return bool(value)
        if isinstance(value, int):  # IntEnum and other int subclasses
            return self._prepare(int(value), mode)
        if isinstance(value, float):  # numpy.float64 is a float subclass
            return float(value)
        if isinstance(value, str):
            return str(value)
        if arrow.is_dataframe(value):
            table = arrow.to_table(value)
            if table is not None:
                shared = shared_memory.arrow_result(table)
                return shared or msgpack.ExtType(arrow.ARROW_EXT, bytes(arrow.stream_of(table)))
        numpy_scalar = _numpy_scalar_item(value)
        if numpy_scalar is not _NOT_A_SCALAR:
            return self._prepare(numpy_scalar, mode)
        if mode == ResultMode.VALUE:
            raise EncodeError(
                f"cannot encode a value of type {python_type_name(value)} (result mode VALUE); "
                "use result mode AUTO or REF to keep it in Python as a remote ref"
            )
        return self._ref(value)

    def _ref(self, value: Any) -> msgpack.ExtType:
        ref_id = self._refs.register(value)
        return msgpack.ExtType(REF_EXT, self._pack([ref_id, python_type_name(value)]))

    # ---- decoding -------------------------------------------------------------------

    def decode(self, data: bytes) -> Any:
        """The Python value of MessagePack ``data``; refs resolve to their objects."""
        try:
            return msgpack.unpackb(
                data, ext_hook=self._ext_hook, timestamp=3, strict_map_key=False, raw=False, use_list=True
            )
        except BridgeError:
            raise
        except (ValueError, TypeError, msgpack.UnpackException) as error:
            raise DecodeError(f"payload is not valid Snakepit MessagePack: {error}") from error

    def decode_args(self, data: bytes) -> list[Any]:
        """Positional arguments: empty bytes mean none; otherwise a MessagePack array."""
        if not data:
            return []
        if len(data) < large_args.MIN_BYTES:  # the common case: small arguments, unpacked at once
            args = self.decode(data)
            if type(args) is not list:
                raise DecodeError(f"args must be a MessagePack array, got {python_type_name(args)}")
            return args
        try:
            in_place = large_args.decode_args_in_place(data, self._unpacker, _IN_PLACE_DECODERS)
        except BridgeError:
            raise
        except (ValueError, TypeError, msgpack.UnpackException) as error:
            raise DecodeError(f"payload is not valid Snakepit MessagePack: {error}") from error
        if in_place is not None:
            return in_place
        args = self.decode(data)
        if not isinstance(args, list):
            raise DecodeError(f"args must be a MessagePack array, got {python_type_name(args)}")
        return args

    def _unpacker(self, file_like: Any) -> msgpack.Unpacker:
        """An Unpacker with ``decode``'s options over ``file_like`` (large_args reads one element with it)."""
        return msgpack.Unpacker(
            file_like, read_size=1 << 16, ext_hook=self._ext_hook, timestamp=3, strict_map_key=False, raw=False,
            use_list=True, max_buffer_size=0,
        )  # fmt: skip

    def decode_kwargs(self, data: bytes) -> dict[str, Any]:
        """Keyword arguments: empty bytes mean none; otherwise a MessagePack map with string keys."""
        if not data:
            return {}
        kwargs = self.decode(data)
        if not isinstance(kwargs, dict) or not all(isinstance(key, str) for key in kwargs):
            raise DecodeError(f"kwargs must be a MessagePack map with string keys, got {python_type_name(kwargs)}")
        return kwargs

    def _ext_hook(self, code: int, payload: bytes) -> Any:
        if code == ndarray.NDARRAY_EXT:
            return ndarray.decode(payload)
        if code == BIGINT_EXT:
            try:
                return int(payload.decode("ascii"))
            except ValueError as error:
                raise DecodeError(f"ext 2 (bigint) is not an ASCII decimal integer: {payload[:40]!r}") from error
        if code == TUPLE_EXT:
            return tuple(self._decode_array(payload, "ext 5 (tuple)"))
        if code == SET_EXT:
            return {_hashable(item) for item in self._decode_array(payload, "ext 7 (set)")}
        if code == MAP_EXT:
            flat = self._decode_array(payload, "ext 4 (Map)")
            if len(flat) % 2:
                raise DecodeError("ext 4 (Map) must hold an even number of items (k0, v0, k1, v1, ...)")
            return {_hashable(flat[index]): flat[index + 1] for index in range(0, len(flat), 2)}
        if code == arrow.ARROW_EXT:
            return arrow.decode_dataframe(payload)
        if code == shared_memory.SHARED_FILE_EXT:
            return shared_memory.decode(payload)
        if code == shared_memory.SHARED_ARROW_EXT:
            return shared_memory.decode_arrow(payload)
        if code == user_types.USER_TYPE_EXT:
            return user_types.decode(self._decode_array(payload, "ext 12 (user type)"))
        if code == callbacks.CALLBACK_EXT:
            return callbacks.decode_handle(self._decode_array(payload, "ext 9 (callback)"))
        if code == REF_EXT:
            ref = self._decode_array(payload, "ext 6 (ref)")
            if not ref or not isinstance(ref[0], str):
                raise DecodeError("ext 6 (ref) must be an array [id, pythonType]")
            return self._refs.get(ref[0])
        raise DecodeError(f"unknown MessagePack ext type {code} in arguments; this bridge knows {_KNOWN_EXTS}")

    def _decode_array(self, payload: bytes, what: str) -> list[Any]:
        items = self.decode(payload)
        if not isinstance(items, list):
            raise DecodeError(f"{what} payload must be a MessagePack array, got {python_type_name(items)}")
        return items


class _NotAScalar:
    pass


_NOT_A_SCALAR = _NotAScalar()


def _numpy_scalar_item(value: Any) -> Any:
    """The plain Python value of a numpy scalar (np.int64(3) → 3), or _NOT_A_SCALAR."""
    import sys

    numpy = sys.modules.get("numpy")
    if numpy is None or not isinstance(value, numpy.generic) or isinstance(value, numpy.complexfloating):
        return _NOT_A_SCALAR
    item = value.item()
    return _NOT_A_SCALAR if isinstance(item, numpy.generic) else item


def _bigint(value: int) -> msgpack.ExtType:
    return msgpack.ExtType(BIGINT_EXT, str(value).encode("ascii"))


def _hashable(key: Any) -> Any:
    """Map keys and set items must be hashable in Python: arrays from TypeScript become tuples."""
    if isinstance(key, list):
        return tuple(_hashable(item) for item in key)
    return key


_FIXEXT_MARKERS = {1: 0xD4, 2: 0xD5, 4: 0xD6, 8: 0xD7, 16: 0xD8}


def _ext_bytes(code: int, header: bytes, data: memoryview) -> bytes:
    """A whole MessagePack ext value built with a single copy of ``data`` (big top-level arrays)."""
    size = len(header) + len(data)
    if size in _FIXEXT_MARKERS:
        prefix = bytes((_FIXEXT_MARKERS[size], code))
    elif size < 1 << 8:
        prefix = bytes((0xC7, size, code))
    elif size < 1 << 16:
        prefix = bytes((0xC8,)) + size.to_bytes(2, "big") + bytes((code,))
    else:
        prefix = bytes((0xC9,)) + size.to_bytes(4, "big") + bytes((code,))
    return b"".join((prefix, header, data))


def _is_plain_small_map(mapping: dict[Any, Any]) -> bool:
    """Whether a small map packs as it is: string keys, plain values or safe integers."""
    for key, item in mapping.items():
        if type(key) is not str:
            return False
        item_type = type(item)
        if item_type in _PLAIN_TYPES:
            continue
        if item_type is not int or not -MAX_SAFE_INTEGER <= item <= MAX_SAFE_INTEGER:
            return False
    return True
