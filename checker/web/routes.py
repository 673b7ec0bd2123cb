"""The page and the API (docs/serve.md). Every answer the page reads is the project's own
contract: POST /api/check returns the document `check --format json` prints."""

from __future__ import annotations

import asyncio
import io
import re
import zipfile
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from checker.web.limits import BadUpload, TooLarge
from checker.web.storage import Upload

STATIC = Path(__file__).parent / "static"
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


async def not_found(request: Request, exc: Exception) -> JSONResponse:
    """An unknown address, answered like every other error (JSON with a Chinese message)."""
    return _error(404, "not-found", f"没有这个地址：{request.url.path}。检查台的首页是 /，接口见 docs/serve.md。")


async def not_allowed(request: Request, exc: Exception) -> JSONResponse:
    return _error(405, "method-not-allowed", f"{request.url.path} 不接受 {request.method} 请求。")


def _attachment(data: bytes, name: str, kind: str) -> Response:
    ascii_name = re.sub(r"[^A-Za-z0-9._-]", "_", name)
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    return Response(data, media_type=kind, headers={"content-disposition": disposition})


async def index(request: Request) -> Response:
    if "token" in request.query_params:  # the printed link: keep the token in a cookie, not in the address bar
        response = RedirectResponse("/", status_code=303)
        response.set_cookie("token", request.query_params["token"], httponly=True, samesite="strict")
        return response
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")


async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def rules(request: Request) -> Response:
    from checker import model

    statutory = _statutory_ids(request.app.state.rules)
    items = [{"id": r.id, "title": r.title, "kind": r.kind, "severity": r.severity, "weight": r.weight,
              "enabled": r.enabled, "basis": r.basis, "statutory": r.id in statutory}
             for r in request.app.state.rules]
    from checker.outputs.xlsx import level_label, verdict_label

    labels = {"status": model.STATUS_LABELS, "level": {level: level_label(level) for level in ("must-fix", "should-fix", "note")},
              "verdict": {verdict: verdict_label(verdict) for verdict in ("pass", "fail")}}
    return JSONResponse({"rules": items, "labels": labels})


def _statutory_ids(rules) -> set[str]:
    from checker.outputs.xlsx import statutory_rules

    return {rule.id for rule in statutory_rules(rules)}


def _unique_labels(uploads: list[Upload]) -> None:
    seen: dict[str, int] = {}
    for upload in uploads:
        label = upload.label
        if label in seen:
            seen[label] += 1
            stem, dot, suffix = label.rpartition(".")
            upload.label = f"{stem}（{seen[label]}）.{suffix}" if dot and stem else f"{label}（{seen[label]}）"
        else:
            seen[label] = 1


async def check(request: Request) -> Response:
    from checker.web.uploads import receive
    from checker.web.worker import check_one

    state = request.app.state
    result = state.store.create()
    try:
        uploads = await receive(request, result, state.limits)
        _unique_labels(uploads)
        loop = asyncio.get_running_loop()
        jobs = [loop.run_in_executor(state.pool, check_one, str(u.path), u.label,
                                     (str(u.previous.path), u.previous.label) if u.previous else None)
                for u in uploads if not u.error]
        reports = [*await asyncio.gather(*jobs), *(_refused_report(u) for u in uploads if u.error)]
    except TooLarge as refused:
        state.store.delete(result.id)
        return _error(413, "too-large", refused.message)
    except BadUpload as bad:
        state.store.delete(result.id)
        return _error(400, "bad-upload", bad.message)
    except BrokenProcessPool:
        state.store.delete(result.id)
        _restart_pool(state)
        return _error(500, "worker-crashed", "检查进程意外退出（可能是文件过于复杂或内存不足），请重试；如仍失败，请单独上传该文件。")
    except BaseException:
        state.store.delete(result.id)
        raise
    result.uploads = uploads
    by_label = {u.label: index for index, u in enumerate(uploads)}
    reports = sorted(reports, key=lambda report: report.path)
    result.order = [by_label[report.path] for report in reports]
    text = await run_in_threadpool(_finish, result, reports, state)
    state.store.expire()  # now that this result counts, keep no more than the limit
    return Response(text, media_type="application/json; charset=utf-8", headers={"x-result-id": result.id})


def _refused_report(upload: Upload):
    """A file that was not kept (over the size limit) as a report with that error, as `check` reports it."""
    from checker.model import Report

    return Report(upload.label, None, error={"code": "too-large", "message": upload.error})


def _restart_pool(state) -> None:
    from checker.web.worker import start_pool

    state.pool.shutdown(wait=False, cancel_futures=True)
    state.pool = start_pool(state.options.workers, state.options.config_path, state.store.scratch)


def _run(reports: list, state):
    from checker.engine import exit_code
    from checker.model import Run

    fail_on = state.config.settings["fail_on"]
    return Run(reports, state.rules, exit_code(reports, fail_on), fail_on, Path.cwd())


def _finish(result, reports: list, state) -> str:
    from checker.outputs.json import render

    by_id = {rule.id: rule for rule in state.rules}
    for report in reports:
        for item in report.results:
            item.rule = by_id[item.rule]
    text = render(_run(reports, state))
    result.save_reports(reports, text)
    return text


def _result(request: Request):
    return request.app.state.store.get(request.path_params["id"])


def _gone() -> JSONResponse:
    return _error(404, "no-result", "检查结果不存在或已过期删除（结果只保留有限时间，服务重启后全部删除）。请重新上传检查。")


async def result_json(request: Request) -> Response:
    result = _result(request)
    if result is None:
        return _gone()
    return Response(result.json_text(), media_type="application/json; charset=utf-8", headers={"x-result-id": result.id})


async def delete_result(request: Request) -> Response:
    if not request.app.state.store.delete(request.path_params["id"]):
        return _gone()
    return JSONResponse({"deleted": True})


def _report_at(request: Request, result):
    """(report, its upload) for /…/{n}, n counting the reports as the JSON lists them."""
    index = request.path_params["n"]
    reports = result.load_reports(request.app.state.rules)
    if not 0 <= index < len(reports):
        return None, None
    return reports[index], result.uploads[result.order[index]]


def _text_of(upload: Upload) -> dict:
    from checker.errors import CheckerError
    from checker.readers import read
    from checker.structure import find_furniture

    try:
        document = read(str(upload.path))
    except CheckerError:
        return {"unit": "line", "lines": [], "furniture": []}
    return {"unit": document.unit, "lines": [[line.number, line.text] for line in document.lines],
            "furniture": sorted(find_furniture(document))}


async def _one_report(request: Request):
    """(report, upload) for /…/reports/{n}/…, or the error response when there is none."""
    result = _result(request)
    if result is None:
        return _gone(), None
    report, upload = await run_in_threadpool(_report_at, request, result)
    if report is None:
        return _error(404, "no-report", "没有这份报告。"), None
    return report, upload


async def report_text(request: Request) -> Response:
    report, upload = await _one_report(request)
    if upload is None:
        return report
    return JSONResponse({"path": report.path, **await run_in_threadpool(_text_of, upload)})


def annotated(report, upload: Upload) -> bytes:
    """The annotated Word draft of one checked upload (a .docx keeps its formatting; any other
    format becomes a .docx with one paragraph per line, so the locations still match)."""
    from checker.outputs.annotated_docx import annotate
    from checker.readers import read_with_bytes
    from checker.structure import parse

    data, document = read_with_bytes(str(upload.path))
    structure = parse(document)
    title_line = structure.title_lines[0] if structure.title_lines else None
    buffer = io.BytesIO()
    annotate(str(upload.path), data, report, [line.text for line in document.lines], title_line, buffer)
    return buffer.getvalue()


def _word_name(label: str) -> str:
    stem = label.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "报告"
    return f"{stem}（已批注）.docx"


async def report_docx(request: Request) -> Response:
    report, upload = await _one_report(request)
    if upload is None:
        return report
    if report.error:
        return _error(409, "unreadable", f"这份报告无法检查，不能生成批注稿：{report.error['message']}")
    data = await run_in_threadpool(annotated, report, upload)
    return _attachment(data, _word_name(report.path),
                       "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def zip_names(reports: list) -> list[str]:
    """One file name per report in the .zip: the issuing body, else the upload's name; unique."""
    names, seen = [], {}
    for report in reports:
        base = (report.meta or {}).get("issuing_body") or report.path.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "报告"
        base = _UNSAFE_NAME.sub("_", base).strip(" .") or "报告"
        seen[base] = seen.get(base, 0) + 1
        names.append(f"{base}（已批注）.docx" if seen[base] == 1 else f"{base}（{seen[base]}）（已批注）.docx")
    return names


def _all_annotated(request: Request, result) -> bytes:
    reports = result.load_reports(request.app.state.rules)
    chosen = [(report, result.uploads[result.order[i]]) for i, report in enumerate(reports) if not report.error]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for (report, upload), name in zip(chosen, zip_names([report for report, _ in chosen])):
            archive.writestr(name, annotated(report, upload))
    return buffer.getvalue()


def _xlsx(request: Request, result) -> bytes:
    from checker.outputs.xlsx import render

    return render(_run(result.load_reports(request.app.state.rules), request.app.state))


def _html(request: Request, result) -> bytes:
    from checker.outputs.html import render

    reports = result.load_reports(request.app.state.rules)
    sources = {report.path: str(result.uploads[result.order[i]].path) for i, report in enumerate(reports)}
    return render(_run(reports, request.app.state), sources=sources).encode("utf-8")


def _json(request: Request, result) -> bytes:
    return result.json_text().encode("utf-8")


def _download(build, name: str, kind: str):
    """An endpoint that sends `build(request, result)` as the attachment `name`."""

    async def endpoint(request: Request) -> Response:
        result = _result(request)
        if result is None:
            return _gone()
        return _attachment(await run_in_threadpool(build, request, result), name, kind)

    return endpoint


ROUTES = [
    Route("/", index, methods=["GET"]),
    Route("/healthz", healthz, methods=["GET"]),
    Route("/api/rules", rules, methods=["GET"]),
    Route("/api/check", check, methods=["POST"]),
    Route("/api/results/{id}", result_json, methods=["GET"]),
    Route("/api/results/{id}", delete_result, methods=["DELETE"]),
    Route("/api/results/{id}/result.json", _download(_json, "检查结果.json", "application/json; charset=utf-8")),
    Route("/api/results/{id}/report.html", _download(_html, "检查结果.html", "text/html; charset=utf-8")),
    Route("/api/results/{id}/summary.xlsx", _download(
        _xlsx, "汇总.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")),
    Route("/api/results/{id}/annotated.zip", _download(_all_annotated, "批注稿.zip", "application/zip")),
    Route("/api/results/{id}/reports/{n:int}/text", report_text, methods=["GET"]),
    Route("/api/results/{id}/reports/{n:int}/annotated.docx", report_docx, methods=["GET"]),
]
