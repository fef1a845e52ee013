"""Shared-secret check: with a token configured, every RPC must carry it as metadata.

The pool passes the token in SNAKEPIT_TOKEN so that other local users who can reach
the socket or port cannot run Python in the worker.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import Any

import grpc

TOKEN_METADATA_KEY = "x-snakepit-token"


class TokenInterceptor(grpc.ServerInterceptor):
    """Refuses RPCs without the right ``x-snakepit-token`` with UNAUTHENTICATED."""

    def __init__(self, token: str) -> None:
        self._token = token.encode()

    def intercept_service(
        self, continuation: Callable[[grpc.HandlerCallDetails], Any], handler_call_details: grpc.HandlerCallDetails
    ) -> Any:
        for key, value in handler_call_details.invocation_metadata or ():
            if key == TOKEN_METADATA_KEY:
                presented = value.encode() if isinstance(value, str) else value
                if hmac.compare_digest(presented, self._token):
                    return continuation(handler_call_details)
                break
        handler = continuation(handler_call_details)
        if handler is None:
            return None
        return _refusing_handler_like(handler)


def _refuse(_request: Any, context: grpc.ServicerContext) -> None:
    context.abort(
        grpc.StatusCode.UNAUTHENTICATED,
        f"missing or wrong {TOKEN_METADATA_KEY} metadata: this worker was started with a token "
        "(SNAKEPIT_TOKEN or --token-file); send the same token with every call",
    )


def _refusing_handler_like(handler: grpc.RpcMethodHandler) -> grpc.RpcMethodHandler:
    """A handler of the same streaming shape as ``handler`` that aborts at once."""
    deserializer = handler.request_deserializer
    serializer = handler.response_serializer
    if handler.request_streaming and handler.response_streaming:
        return grpc.stream_stream_rpc_method_handler(_refuse_stream, deserializer, serializer)
    if handler.response_streaming:
        return grpc.unary_stream_rpc_method_handler(_refuse_stream, deserializer, serializer)
    if handler.request_streaming:
        return grpc.stream_unary_rpc_method_handler(_refuse, deserializer, serializer)
    return grpc.unary_unary_rpc_method_handler(_refuse, deserializer, serializer)


def _refuse_stream(request: Any, context: grpc.ServicerContext) -> Any:
    _refuse(request, context)
    yield  # pragma: no cover - abort raises; the yield makes this a generator handler
