"""TLS for workers on other machines: server credentials and the refusal to listen in the clear.

A worker reached over the network carries Python execution for whoever holds the
token, so the token must not cross a network in plain text. ``serve --listen`` on a
non-loopback address therefore needs ``--tls-cert``/``--tls-key`` (optionally
``--tls-client-ca`` for mutual TLS), or an explicit ``--insecure``.

    credentials = server_credentials("server.pem", "server.key", client_ca="ca.pem")
    check_listen_is_protected("10.0.0.5:50051", tls=True, insecure=False)   # fine
"""

from __future__ import annotations

import ipaddress

import grpc


class ListenRefused(ValueError):
    """The listen address and the TLS flags do not fit together; the message says how to fix it."""


def listen_host(listen: str) -> str:
    """The host part of "host:port" or "[v6]:port", without brackets."""
    host, separator, port = listen.rpartition(":")
    if not separator or not port.isdigit():
        raise ListenRefused(f"--listen {listen!r} is not host:port (for example 127.0.0.1:0 or 0.0.0.0:50051)")
    return host[1:-1] if host.startswith("[") and host.endswith("]") else host


def is_loopback(host: str) -> bool:
    """True for localhost and addresses in 127.0.0.0/8 or ::1: only this machine can connect."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a DNS name may resolve to anything: treat it as reachable from the network


def check_listen_is_protected(listen: str, *, tls: bool, insecure: bool) -> None:
    """Refuses a non-loopback plain-text listener unless ``insecure`` says it is on purpose."""
    host = listen_host(listen)
    if tls or insecure or is_loopback(host):
        return
    raise ListenRefused(
        f"refusing to listen on {listen} without TLS: other machines could read the token and every "
        "argument in transit. Pass --tls-cert and --tls-key (and --tls-client-ca to require client "
        "certificates), or --insecure if the network is already private and encrypted (for example a "
        "service mesh with mTLS)."
    )


def check_tls_arguments(cert: str | None, key: str | None, client_ca: str | None) -> None:
    """--tls-cert and --tls-key go together; --tls-client-ca needs them."""
    if bool(cert) != bool(key):
        raise ListenRefused("--tls-cert and --tls-key must be given together (a certificate chain and its key)")
    if client_ca and not cert:
        raise ListenRefused("--tls-client-ca (mutual TLS) needs --tls-cert and --tls-key for the server side too")


def _read(path: str, what: str) -> bytes:
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as error:
        raise ListenRefused(f"cannot read {what} {path!r}: {error.strerror}") from error
    if b"-----BEGIN" not in data:
        raise ListenRefused(f"{what} {path!r} is not PEM (no '-----BEGIN' line); convert it with openssl")
    return data


def server_credentials(cert: str, key: str, client_ca: str | None = None) -> grpc.ServerCredentials:
    """TLS credentials from PEM files; with ``client_ca`` every client must present a certificate it signed."""
    chain = _read(cert, "--tls-cert")
    private_key = _read(key, "--tls-key")
    roots = _read(client_ca, "--tls-client-ca") if client_ca else None
    return grpc.ssl_server_credentials(
        [(private_key, chain)], root_certificates=roots, require_client_auth=roots is not None
    )
