"""`fazhi-check serve`: the office's review desk, a local web app on Starlette and uvicorn.

Layers (each its own module): `app` (ASGI app, guard middleware, uvicorn), `routes` (page and
API), `uploads` (streamed multipart and zip expansion), `limits` (what one request may send),
`storage` (the private temporary folder), `worker` (checks in worker processes), `static/`
(the page: HTML, CSS and script, nothing fetched from elsewhere). Documented for users in
docs/serve.md.
"""

from __future__ import annotations


def serve(host: str, port: int, token: str | None, config_path: str | None, max_upload_mb: int | None,
          workers: int | None, open_browser: bool, echo) -> None:
    from checker.web.app import Options, run, token_for
    from checker.web.limits import Limits

    token, _ = token_for(host, token, config_path)
    options = Options(host=host, port=port, token=token, config_path=config_path,
                      limits=Limits.for_upload_mb(max_upload_mb))
    if workers:
        options.workers = workers
    run(options, open_browser, echo)
