"""Loaded by Python at start-up when this folder is on PYTHONPATH: refuses every network
connection that is not to this machine, and writes each attempt to $SEMDPA_NETGUARD_LOG."""

import os
import socket

_LOG = os.environ.get("SEMDPA_NETGUARD_LOG")
_LOCAL = ("127.", "::1", "localhost", "0.0.0.0")


def _local(address) -> bool:
    if not isinstance(address, tuple):
        return True  # a Unix socket
    host = str(address[0])
    return host.startswith(_LOCAL) or host == "::"


def _refuse(what) -> None:
    if _LOG:
        with open(_LOG, "a") as handle:
            handle.write(f"{what}\n")
    raise OSError(f"network access outside this machine refused: {what}")


_connect, _connect_ex, _getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo


def connect(self, address):
    if not _local(address):
        _refuse(address)
    return _connect(self, address)


def connect_ex(self, address):
    if not _local(address):
        _refuse(address)
    return _connect_ex(self, address)


def getaddrinfo(host, *args, **kwargs):
    if host is not None and not str(host).startswith(_LOCAL) and host not in ("", b""):
        _refuse(f"name lookup {host}")
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
socket.getaddrinfo = getaddrinfo
