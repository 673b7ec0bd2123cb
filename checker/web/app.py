"""The ASGI application: Starlette routes behind a guard (token, host, security headers),
a worker pool for the checks and a private store for uploads; `run()` serves it on uvicorn."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import ipaddress
import json
import os
import re
import secrets
import tempfile
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from checker.web.limits import Limits

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
_HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY"),
            (b"cross-origin-opener-policy", b"same-origin"), (b"cross-origin-resource-policy", b"same-origin")]
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")


@dataclass
class Options:
    host: str = "127.0.0.1"
    port: int = 8765
    token: str | None = None  # required on every request when set
    config_path: str | None = None
    limits: Limits = field(default_factory=Limits)
    workers: int = max(1, min(4, os.cpu_count() or 1))


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _problem(status: int, code: str, message: str, api: bool) -> tuple[int, bytes, bytes]:
    if api:
        body = json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False).encode()
        return status, body, b"application/json; charset=utf-8"
    return status, message.encode(), b"text/plain; charset=utf-8"


class Guard:
    """Pure ASGI middleware, so a refused request is answered before its body is read.

    - a token, when set, is required on every request: `Authorization: Bearer …`, the `token`
      cookie, or `?token=…` on the page itself (which then sets the cookie);
    - on a loopback bind without a token, the Host header must name this machine, so a web page
      elsewhere cannot reach the desk through a rebound domain name;
    - requests that change something (POST, DELETE) coming from another site's page are refused;
    - every answer carries the Content-Security-Policy and related headers.
    """

    def __init__(self, app, token: str | None, local_only: bool):
        self.app, self.token, self.local_only = app, token, local_only

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self._refusal(scope, headers)
        if refusal:
            status, body, kind = refusal
            await send({"type": "http.response.start", "status": status,
                        "headers": [(b"content-type", kind), (b"cache-control", b"no-store"), *_HEADERS]})
            await send({"type": "http.response.body", "body": body})
            return

        async def secured(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [h for h in _HEADERS if h[0] not in names]
                if b"cache-control" not in names:
                    extra.append((b"cache-control", b"no-store"))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, secured)

    def _refusal(self, scope, headers: dict) -> tuple[int, bytes, bytes] | None:
        api = scope["path"].startswith("/api/") or scope["path"] == "/healthz"  # JSON where JSON is asked
        host = headers.get("host", "")
        if self.local_only and _host_name(host) not in LOOPBACK_NAMES:
            return _problem(421, "host", "只接受本机访问（localhost 或 127.0.0.1）。如需在局域网内共享，请用 --host 并设置访问令牌。", api)
        if scope["method"] in ("POST", "PUT", "PATCH", "DELETE") and _from_elsewhere(headers, host):
            return _problem(403, "origin", "拒绝来自其他网站的请求。", api)
        if self.token and not self._authorised(scope, headers):
            return _problem(401, "unauthorized", "需要访问令牌：请用启动时显示的完整链接（含 ?token=…）打开本页，"
                                                 "或在请求头中加 Authorization: Bearer <令牌>。", api)
        return None

    def _authorised(self, scope, headers: dict) -> bool:
        offered = []
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            offered.append(auth[7:].strip())
        cookie = SimpleCookie()
        with contextlib.suppress(Exception):
            cookie.load(headers.get("cookie", ""))
        if "token" in cookie:
            offered.append(cookie["token"].value)
        if scope["path"] == "/" and scope["method"] == "GET":
            offered += parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [])
        return any(hmac.compare_digest(value.encode(), self.token.encode()) for value in offered)


def _from_elsewhere(headers: dict, host: str) -> bool:
    """A request sent by another site's page. The desk's own page sends Origin "null" (its
    Referrer-Policy is no-referrer), as does a sandboxed frame elsewhere: Sec-Fetch-Site, which
    browsers add to every request, tells them apart."""
    origin = headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != host:
        return True
    return headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none")


def _host_name(host: str) -> str:
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0].lower() if host.count(":") == 1 else host.lower()


def create_app(options: Options):
    from starlette.applications import Starlette
    from starlette.staticfiles import StaticFiles

    from checker.config import load_setup
    from checker.web import routes
    from checker.web.storage import Store
    from checker.web.worker import start_pool

    config, rules = load_setup(options.config_path, {})

    @contextlib.asynccontextmanager
    async def lifespan(app):
        state = app.state
        state.store = Store(options.limits.results_kept, options.limits.ttl_seconds)
        state.temporary, tempfile.tempdir = tempfile.tempdir, str(state.store.scratch)
        state.pool = start_pool(options.workers, options.config_path, state.store.scratch)
        sweeper = asyncio.create_task(_sweep(state.store))
        try:
            yield
        finally:
            sweeper.cancel()
            # the workers are stopped, not left to the interpreter's exit (SIGTERM reaches only
            # this process: left alone they would outlive it, their semaphores reported as leaked)
            workers = list((getattr(state.pool, "_processes", None) or {}).values())  # CPython keeps them here
            state.pool.shutdown(wait=False, cancel_futures=True)
            for worker in workers:
                worker.terminate()
            for worker in workers:
                worker.join(timeout=5)
            state.store.close()
            tempfile.tempdir = state.temporary

    app = Starlette(routes=[*routes.ROUTES], lifespan=lifespan,
                    exception_handlers={404: routes.not_found, 405: routes.not_allowed})
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    app.state.options, app.state.rules, app.state.config = options, rules, config
    app.state.limits = options.limits
    return Guard(app, options.token, local_only=is_loopback(options.host) and not options.token)


async def _sweep(store) -> None:
    while True:
        await asyncio.sleep(30)
        store.expire()


def _token_rule() -> dict:
    """What rules/config.schema.json asks of serve.token: --token is held to the same rule."""
    from checker.paths import rules_dir
    from checker.yamlfile import load_schema

    return load_schema(rules_dir() / "config.schema.json")["properties"]["serve"]["properties"]["token"]


def _refuse_bad_token(given: str) -> None:
    from checker.errors import CheckerError

    rule = _token_rule()
    if not re.search(rule["pattern"], given):
        raise CheckerError("bad-token", "访问令牌只能由英文字母、数字、- 和 _ 组成（它要写在链接里）。")
    if len(given) < rule["minLength"]:
        raise CheckerError("bad-token", f"访问令牌太短：--token 至少要 {rule['minLength']} 个字符（现为 {len(given)} 个）。"
                           "不写 --token 时，非本机地址会自动生成一个足够长的令牌。")


def token_for(host: str, given: str | None, config_path: str | None) -> tuple[str | None, bool]:
    """The token to require and whether it was generated here (then it is printed). A token given
    on the command line is held to the rule the configuration's serve.token is (`_token_rule`)."""
    if given:
        _refuse_bad_token(given)
        return given, False
    from checker.config import load_config

    configured = (load_config(config_path).settings.get("serve") or {}).get("token")
    if configured:
        return str(configured), False
    if is_loopback(host):
        return None, False
    return secrets.token_urlsafe(18), True


def _bind_error(exc: OSError, host: str, port: int):
    """Why the desk cannot listen there, and what to do: a busy port is an everyday case."""
    import errno

    from checker.errors import CheckerError

    if exc.errno == errno.EADDRINUSE:
        return CheckerError("port-in-use", f"端口 {port} 已被占用（可能已有一个审阅台或其他程序在使用）。"
                            "请用 --port 换一个端口，或用 --port 0 自动选择空闲端口。")
    if exc.errno == errno.EACCES:
        return CheckerError("port-denied", f"没有权限使用端口 {port}（1024 以下的端口需要管理员权限）。请用 --port 换一个 1024 以上的端口。")
    if exc.errno == errno.EADDRNOTAVAIL:
        return CheckerError("bad-host", f"本机没有地址 {host}，无法在其上监听。请用 --host 127.0.0.1（只允许本机）或 0.0.0.0（局域网）。")
    return CheckerError("cannot-listen", f"无法在 {host}:{port} 上监听：{exc.strerror or exc}。请换一个端口或地址。")


def run(options: Options, open_browser: bool, echo) -> None:
    """Serve until interrupted. The socket is bound first so that port 0 can be printed."""
    import socket
    import threading
    import webbrowser

    import uvicorn

    app = create_app(options)
    family = socket.AF_INET6 if ":" in options.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((options.host.strip("[]"), options.port))
    except OSError as exc:
        sock.close()
        raise _bind_error(exc, options.host, options.port) from None
    port = sock.getsockname()[1]
    shown = f"[{options.host.strip('[]')}]" if family == socket.AF_INET6 else options.host
    local = "127.0.0.1" if options.host in ("0.0.0.0", "::") else shown
    link = f"http://{local}:{port}/" + (f"?token={options.token}" if options.token else "")
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, timeout_graceful_shutdown=5))

    def announce():
        while not server.started:
            if server.should_exit:
                return
            threading.Event().wait(0.05)
        echo(f"fazhi-check 审阅台已启动：{link}")
        echo(f"端口：{port}")
        if options.token:
            echo(f"访问令牌：{options.token}（局域网内的同事需用含令牌的完整链接打开，"
                 f"把其中的 {local} 换成本机的 IP 地址）")
        echo("按 Ctrl+C 停止。停止后，上传的文件和检查结果全部删除。")
        if open_browser:
            webbrowser.open(link)

    threading.Thread(target=announce, daemon=True).start()
    server.run(sockets=[sock])
