"""deploy/nginx.conf, run for real by deploy/services_test.py: the same file, moved to a temp prefix.

Only what cannot work on a test machine is changed (TLS certificates, the port-80 redirect, the
listening address, the paths under /var/lib/portal and /srv/portal); every change must find its
text, so a config that drifts from what this adapts fails the test instead of testing something else.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class ConfigDrift(Exception):
    pass


def _sub(pattern: str, replacement: str, text: str, flags: int = 0) -> str:
    result, count = re.subn(pattern, lambda _: replacement, text, flags=flags)
    if not count:
        raise ConfigDrift(f"deploy/nginx.conf 中找不到 {pattern!r}，services_nginx.py 需要随之更新")
    return result


def portal_server(*, listen_port: int, app_port: int, media_root: Path, static_root: Path) -> str:
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    text = _sub(r"server \{\s*listen 80;.*?\n\}\n", "", text, flags=re.S)
    text = _sub(r"listen 443 ssl http2;", f"listen 127.0.0.1:{listen_port};", text)
    text = _sub(r"\n\s*listen \[::\]:443 ssl http2;", "", text)
    text = _sub(r"\n\s*ssl_[a-z_]+ [^\n]*;", "", text)
    text = _sub(r"server 127\.0\.0\.1:8000", f"server 127.0.0.1:{app_port}", text)
    text = _sub(r"/var/lib/portal/media/", f"{media_root}/", text)
    text = _sub(r"/var/lib/portal/static/", f"{static_root}/", text)
    text = _sub(r"root /srv/portal/deploy;", f"root {ROOT / 'deploy'};", text)
    return _sub(r"include /etc/nginx/snippets/portal-proxy\.conf;",
                f"include {ROOT / 'deploy' / 'snippet-portal-proxy.conf'};", text)


def write_config(workdir: Path, *, listen_port: int, app_port: int, media_root: Path, static_root: Path) -> Path:
    prefix = workdir / "nginx"
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / "tmp" / name).mkdir(parents=True, exist_ok=True)
    (prefix / "portal.conf").write_text(portal_server(listen_port=listen_port, app_port=app_port,
                                                      media_root=media_root, static_root=static_root))
    # As root, nginx's workers would run as "nobody" and could not read the private temp folder.
    user = "user root;\n" if os.geteuid() == 0 else ""
    main = f"""{user}worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log info;
events {{ worker_connections 128; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    include {prefix}/portal.conf;
}}
"""
    conf = prefix / "nginx.conf"
    conf.write_text(main)
    return conf


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def raw_request(port: int, head: str, body: bytes = b"") -> tuple[int, str]:
    """Send a request as written (e.g. a Content-Length nginx refuses before reading the body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(head.encode() + b"\r\n" + body)
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    answer = b"".join(chunks).decode("utf-8", "replace")
    status = int(answer.split(" ", 2)[1]) if answer.startswith("HTTP/") else 0
    return status, answer
