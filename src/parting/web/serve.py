"""Running the web app: uvicorn on a socket `parting serve` has already bound, so the URL
printed first is the one that works."""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path


def url_of(host: str, port: int, token: str) -> str:
    """The URL to open: a wildcard address is reached on the loopback one."""
    shown = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)
    try:
        if ipaddress.ip_address(shown).version == 6:
            shown = f"[{shown}]"
    except ValueError:
        pass  # a name
    return f"http://{shown}:{port}/?token={token}"


def run(folder: Path, token: str, sock: socket.socket) -> None:
    import uvicorn

    from parting.web.app import create_app

    config = uvicorn.Config(
        create_app(folder, token),
        log_level="warning",
        access_log=False,  # the first request's URL carries the token
        server_header=False,
        proxy_headers=False,
        lifespan="off",
    )
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
