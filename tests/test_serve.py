"""`fazhi-check serve` over real HTTP: the same JSON as `check --format json`, the token, the
limits, zip bombs, traversal names, concurrency and memory. The server is the real command in
a subprocess on a free port; nothing is mocked."""

from __future__ import annotations

import io
import json
import random
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from docmaker import seed_path, seed_text
from helpers import cli_json, run_cli
from webserver import Server, _children

SEEDS = ["000", "001", "002", "003", "004"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("servetmp")
    with Server(tmpdir=folder) as running:
        running.tmp = folder
        yield running


def _post(server: Server, files: list[tuple[str, tuple[str, bytes]]], **kwargs) -> httpx.Response:
    return httpx.post(f"{server.url}/api/check", files=files, timeout=300, **kwargs)


def _seed_file(prefix: str) -> tuple[str, tuple[str, bytes]]:
    path = seed_path(prefix)
    return ("files", (path.name, path.read_bytes()))


def _cli(*paths: str) -> dict:
    _, document = cli_json("check", *paths, "--format", "json")
    return document


def _without_folders(document: dict) -> dict:
    """The CLI names reports by their path, the server by the upload's name: compare names."""
    for report in document["reports"] + document["summary"].get("failed_reports", []):
        report["path"] = Path(report["path"]).name
    return document


def test_one_seed_gives_the_cli_document(server):
    response = _post(server, [_seed_file("004")])
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert re.fullmatch(r"[A-Za-z0-9_-]{24}", response.headers["x-result-id"])
    assert response.json() == _without_folders(_cli(str(seed_path("004"))))


def test_all_seeds_together_give_the_cli_document(server):
    response = _post(server, [_seed_file(p) for p in reversed(SEEDS)])
    expected = _without_folders(_cli(str(seed_path("000").parent)))
    assert response.json() == expected
    assert [r["path"] for r in response.json()["reports"]] == sorted(seed_path(p).name for p in SEEDS)
    assert response.json()["summary"]["exit_code"] == expected["summary"]["exit_code"]


def test_a_zip_of_the_seeds_gives_the_cli_document(server):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for prefix in SEEDS:
            archive.write(seed_path(prefix), f"报告/{seed_path(prefix).name}")
        archive.writestr("报告/说明.xlsx", b"not a report")  # not a format check reads: skipped as in a folder
        archive.writestr("__MACOSX/._x.txt", b"resource fork")
        scorecard = run_cli("check", "--format", "html", str(seed_path("000"))).stdout
        archive.writestr("报告/汇总.html", scorecard)  # the checker's own output: passed over, as in a folder
    response = _post(server, [("files", ("各单位报告.zip", buffer.getvalue()))])
    document = response.json()
    assert [r["path"] for r in document["reports"]] == [f"各单位报告.zip/报告/{seed_path(p).name}" for p in SEEDS]
    assert _without_folders(document) == _without_folders(_cli(str(seed_path("000").parent)))


def test_a_zip_inside_a_zip_is_a_report_that_could_not_be_checked(server):
    inner, outer = io.BytesIO(), io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("乙.txt", seed_text("001"))
    with zipfile.ZipFile(outer, "w") as archive:
        archive.writestr("甲.txt", seed_text("000"))
        archive.writestr("各乡镇.zip", inner.getvalue())
    reports = _post(server, [("files", ("包.zip", outer.getvalue()))]).json()["reports"]
    assert [(r["path"], r["error"]) for r in reports] == [
        ("包.zip/各乡镇.zip", {"code": "archive", "message": "压缩包不能直接检查：包.zip/各乡镇.zip。请先解压，再检查解压出的文件夹；"
                                                       "网页审阅台（fazhi-check serve）可以直接上传 .zip，但不打开压缩包中的压缩包。"}),
        ("包.zip/甲.txt", None)]


def test_docx_and_previous_give_the_cli_document(server, made):
    draft, last = made("001", "docx"), seed_path("000")
    response = _post(server, [("files", (draft.name, draft.read_bytes())), ("previous", (last.name, last.read_bytes()))])
    expected = _without_folders(_cli(str(draft), "--previous", str(last)))
    assert response.json() == expected
    copied = next(r for r in response.json()["reports"][0]["results"] if r["rule"] == "content.copied-from-previous")
    assert copied["status"] != "n/a"


def test_previous_must_follow_its_draft(server):
    response = _post(server, [("previous", ("2023.txt", seed_text("000").encode()))])
    assert response.status_code == 400
    assert "previous 字段应紧跟在它所对应的那份报告" in response.json()["error"]["message"]


def test_an_unreadable_upload_is_a_report_with_an_error_and_the_others_are_checked(server):
    response = _post(server, [("files", ("空.txt", b"   \n")), _seed_file("000")])
    reports = response.json()["reports"]
    assert reports[1]["path"] == "空.txt"
    assert reports[1]["error"] == {"code": "empty", "message": "文件为空（只有空白字符）：空.txt。请确认导出或保存是否成功。"}
    assert (reports[0]["score"], reports[0]["verdict"]) == (96, "pass")
    assert response.json()["summary"]["exit_code"] == 2


def test_downloads_of_a_result(server):
    import docx
    import openpyxl

    response = _post(server, [_seed_file("004"), _seed_file("000")])
    base = f"{server.url}/api/results/{response.headers['x-result-id']}"
    assert httpx.get(base).json() == response.json()
    word = httpx.get(f"{base}/reports/1/annotated.docx")
    assert word.status_code == 200
    assert "filename*=UTF-8''004_43db1fe365c6fb86%EF%BC%88%E5%B7%B2%E6%89%B9%E6%B3%A8%EF%BC%89.docx" in word.headers["content-disposition"]
    comments = [c.text for c in docx.Document(io.BytesIO(word.content)).comments]
    problems = [r for r in response.json()["reports"][1]["results"] if r["status"] in ("weak", "missing", "fail")]
    assert len(comments) == len(problems)
    archive = zipfile.ZipFile(io.BytesIO(httpx.get(f"{base}/annotated.zip").content))
    assert archive.namelist() == ["重庆市渝北区信访办公室（已批注）.docx", "重庆市荣昌区信访办公室（已批注）.docx"]
    book = openpyxl.load_workbook(io.BytesIO(httpx.get(f"{base}/summary.xlsx").content))
    assert [row[0] for row in book["汇总"].iter_rows(min_row=2, values_only=True)] == [
        "000_0863972123745c8e.txt", "004_43db1fe365c6fb86.txt"]
    page = httpx.get(f"{base}/report.html")
    assert page.headers["content-disposition"].startswith("attachment;")
    assert "重庆市荣昌区信访办公室" in page.text and 'id="r2-L1"' in page.text
    text = httpx.get(f"{base}/reports/0/text").json()
    assert text["path"] == "000_0863972123745c8e.txt" and text["lines"][0] == [1, seed_text("000").split("\n")[0]]


def test_a_deleted_result_is_gone_with_its_files(server):
    response = _post(server, [_seed_file("000")])
    result_id = response.headers["x-result-id"]
    folders = list(server.tmp.glob(f"fazhi-check-serve-*/{result_id}"))
    assert len(folders) == 1 and any(folders[0].iterdir())
    assert httpx.delete(f"{server.url}/api/results/{result_id}").json() == {"deleted": True}
    assert not folders[0].exists()
    gone = httpx.get(f"{server.url}/api/results/{result_id}/summary.xlsx")
    assert gone.status_code == 404 and "已过期删除" in gone.json()["error"]["message"]


def test_nothing_on_the_page_changes_rules_or_configuration(server):
    fields = {"config": "fail_on: never", "rules": "{}", "fail_on": "never"}
    response = _post(server, [_seed_file("004")], data=fields)
    assert response.json() == _without_folders(_cli(str(seed_path("004"))))
    for method in ("PUT", "POST", "DELETE"):
        assert httpx.request(method, f"{server.url}/api/rules").status_code == 405
    rules = httpx.get(f"{server.url}/api/rules").json()
    assert len(rules["rules"]) == _cli(str(seed_path("000")))["tool"]["rules"]


def test_page_and_headers(server):
    page = httpx.get(server.url + "/")
    assert page.status_code == 200 and page.headers["content-type"] == "text/html; charset=utf-8"
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert httpx.get(server.url + "/healthz").json() == {"status": "ok"}


def test_a_loopback_desk_refuses_other_host_names(server):
    """A page elsewhere cannot reach the desk through a domain name rebound to 127.0.0.1."""
    response = httpx.get(server.url + "/healthz", headers={"host": "attacker.example:80"})
    assert response.status_code == 421
    posted = httpx.post(server.url + "/api/check", files=[_seed_file("000")], headers={"origin": "http://attacker.example"})
    assert posted.status_code == 403
    # a sandboxed frame on another site sends Origin "null", as the desk's own page does: the
    # browser's Sec-Fetch-Site tells them apart
    framed = httpx.post(server.url + "/api/check", files=[_seed_file("000")],
                        headers={"origin": "null", "sec-fetch-site": "cross-site"})
    assert (framed.status_code, framed.json()["error"]["message"]) == (403, "拒绝来自其他网站的请求。")
    own = httpx.post(server.url + "/api/check", files=[_seed_file("000")],
                     headers={"origin": "null", "sec-fetch-site": "same-origin"})
    assert own.status_code == 200


def test_traversal_names_are_labels_and_write_nothing_outside(tmp_path):
    work, temporary = tmp_path / "work" / "deep", tmp_path / "tmp"
    work.mkdir(parents=True)
    temporary.mkdir()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../../zipped.txt", seed_text("001"))
        archive.writestr("/abs/rooted.txt", seed_text("002"))
    with Server(tmpdir=temporary, cwd=work) as server:
        names = ["../../x.txt", "..\\..\\y.txt", "/etc/z.txt"]
        files = [("files", (name, seed_text("000").encode())) for name in names] + [("files", ("a.zip", buffer.getvalue()))]
        response = _post(server, files)
        paths = sorted(r["path"] for r in response.json()["reports"])
        assert paths == sorted(["../../x.txt", "..\\..\\y.txt", "/etc/z.txt", "a.zip/../../zipped.txt", "a.zip/abs/rooted.txt"])
        scores = {r["path"]: r["score"] for r in response.json()["reports"]}
        assert scores == {"../../x.txt": 96, "..\\..\\y.txt": 96, "/etc/z.txt": 96, "a.zip/../../zipped.txt": 94,
                          "a.zip/abs/rooted.txt": 90}
        stored = [p for p in tmp_path.rglob("*") if p.is_file() and not p.name.startswith("jieba.")]  # jieba's own cache
        assert stored and all(p.parent.parent.parent == temporary and p.parent.parent.name.startswith("fazhi-check-serve-")
                              for p in stored)
        assert sorted({p.name for p in stored} - {"reports.pickle", "result.json"}) == ["u0001.txt", "u0002.txt", "u0003.txt",
                                                                                        "u0005.txt", "u0006.txt"]
    assert list(tmp_path.rglob("*.txt")) == []  # and nothing is kept once the server stops


def test_token_required_on_a_non_loopback_bind():
    with Server("--host", "0.0.0.0") as server:
        assert server.token and len(server.token) >= 24
        assert f"http://127.0.0.1:{server.port}/?token={server.token}" in server.lines[0]
        for path in ("/", "/healthz", "/api/rules", "/static/app.js"):
            refused = httpx.get(server.url + path)
            assert refused.status_code == 401, path
        refused = _post(server, [_seed_file("000")])
        assert refused.status_code == 401
        assert refused.json()["error"]["message"].startswith("需要访问令牌")
        wrong = httpx.get(server.url + "/healthz", headers={"authorization": "Bearer wrong"})
        assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "unauthorized"  # JSON, as the API answers
        bearer = {"authorization": f"Bearer {server.token}"}
        assert httpx.get(server.url + "/healthz", headers=bearer).status_code == 200
        assert _post(server, [_seed_file("000")], headers=bearer).status_code == 200
        link = httpx.get(f"{server.url}/?token={server.token}")
        assert link.status_code == 303 and link.headers["location"] == "/"
        cookie = link.headers["set-cookie"]
        assert cookie.startswith(f"token={server.token};") and "HttpOnly" in cookie and "SameSite=strict" in cookie
        with httpx.Client(base_url=server.url, cookies={"token": server.token}) as client:
            assert client.get("/").status_code == 200
            assert client.get("/api/rules").status_code == 200
        with httpx.Client(base_url=server.url, cookies={"token": "wrong"}) as client:
            assert client.get("/api/rules").status_code == 401


def test_a_given_token_is_required_on_loopback_too():
    with Server("--token", "s3cret-token-for-the-office") as server:
        assert server.token == "s3cret-token-for-the-office"
        assert httpx.get(server.url + "/healthz").status_code == 401
        assert httpx.get(server.url + "/healthz", headers={"authorization": "Bearer s3cret-token-for-the-office"}).status_code == 200


def test_a_configured_token(tmp_path):
    (tmp_path / ".fazhi-check.yaml").write_text("serve:\n  token: token-from-the-config-file\n", encoding="utf-8")
    with Server("--host", "0.0.0.0", cwd=tmp_path) as server:
        assert server.token == "token-from-the-config-file"
        assert httpx.get(server.url + "/healthz").status_code == 401


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """A desk with a 1 MB file limit (so 8 MB in all)."""
    folder = tmp_path_factory.mktemp("smalltmp")
    with Server("--max-upload-mb", "1", tmpdir=folder) as running:
        running.tmp = folder
        yield running


def _refused(response: httpx.Response, words: str) -> None:
    assert response.status_code == 413, response.text
    assert response.json()["error"]["code"] == "too-large"
    assert words in response.json()["error"]["message"]


def test_413_for_a_file_over_the_limit(small):
    big = seed_text("000").encode() * 200  # about 2 MB
    _refused(_post(small, [("files", ("大.txt", big))]), "文件过大：大.txt 超过单个文件上限 1 MB")


def test_a_file_over_the_limit_beside_others_is_a_report_with_an_error_and_the_others_are_checked(small):
    """As `check` does in a batch: the oversized file is named, not stored, and the rest is checked;
    only when nothing is left to check is the request refused (above)."""
    big = seed_text("000").encode() * 200
    random_block = bytes(random.Random(2).choices(b"abcdefghijklmnopqrstuvwxyz", k=1100 * 1024))  # compresses to ~0.7 MB
    bundle = io.BytesIO()
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("大2.txt", random_block)  # 1.1 MB: over the file limit, not a bomb
        archive.writestr("小.txt", seed_text("002"))
    response = _post(small, [("files", ("大.txt", big)), _seed_file("000"), ("files", ("包.zip", bundle.getvalue()))])
    assert response.status_code == 200, response.text
    reports = {r["path"]: r for r in response.json()["reports"]}
    assert sorted(reports) == ["000_0863972123745c8e.txt", "包.zip/大2.txt", "包.zip/小.txt", "大.txt"]
    assert reports["大.txt"]["error"] == {"code": "too-large", "message": "文件过大：大.txt 超过单个文件上限 1 MB。请确认这是一份年度报告，或分开上传。"}
    assert reports["包.zip/大2.txt"]["error"]["message"].startswith("文件过大：包.zip/大2.txt 超过单个文件上限 1 MB")
    assert (reports["000_0863972123745c8e.txt"]["score"], reports["包.zip/小.txt"]["score"]) == (96, 90)
    assert response.json()["summary"]["errors"] == 2
    kept = [p for p in small.tmp.rglob("*") if p.is_file()]
    assert kept and all(p.stat().st_size <= 1024 * 1024 for p in kept)  # nothing over the limit was stored


def test_a_previous_report_over_the_limit_makes_its_draft_a_report_with_an_error(small):
    big = seed_text("000").encode() * 200
    response = _post(small, [_seed_file("002"), _seed_file("000"), ("previous", ("去年.txt", big))])
    assert response.status_code == 200, response.text
    reports = {r["path"]: r for r in response.json()["reports"]}
    assert reports["000_0863972123745c8e.txt"]["error"] == {
        "code": "too-large", "message": "上一年度报告无法使用：文件过大：去年.txt 超过单个文件上限 1 MB。请确认这是一份年度报告，或分开上传。"}
    assert (reports["002_d1114135e5d93af8.txt"]["score"], reports["002_d1114135e5d93af8.txt"]["failed_by"]) == (90, ["content.causes"])


def test_413_for_too_much_in_all(small):
    part = b"x" * (900 * 1024)
    _refused(_post(small, [("files", (f"{n}.txt", part)) for n in range(10)]), "一次上传（含压缩包解开后的内容）最多 8 MB")


def test_413_for_too_many_files(small):
    _refused(_post(small, [("files", (f"{n}.txt", b"x")) for n in range(301)]), "一次最多检查 300 份报告")


def test_413_before_reading_a_body_declared_too_large(small):
    import socket

    with socket.create_connection(("127.0.0.1", small.port)) as connection:
        connection.sendall(b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                           b"Content-Length: 20971520\r\n\r\n")
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            chunk = connection.recv(65536)
            if not chunk:
                break
            answer += chunk
    head, body = answer.split(b"\r\n\r\n", 1)
    assert head.startswith(b"HTTP/1.1 413 ")
    assert "最多 8 MB" in json.loads(body)["error"]["message"]


def test_a_zip_bomb_is_refused(small):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.txt", b"\0" * (900 * 1024 * 8))  # 7 MB of zeros in a few KB
    assert len(buffer.getvalue()) < 64 * 1024
    _refused(_post(small, [("files", ("炸弹.zip", buffer.getvalue()))]), "压缩包异常：炸弹.zip/bomb.txt 解压后是压缩前的")
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w", zipfile.ZIP_DEFLATED) as archive:
        block = bytes(random.Random(1).choice(b"abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(20 * 1024))
        for n in range(12):
            archive.writestr(f"{n}.txt", block * 45)  # 900 KB each at a ratio of 44: only the sum is too much
    _refused(_post(small, [("files", ("多.zip", many.getvalue()))]), "最多 8 MB")
    assert httpx.get(small.url + "/healthz").status_code == 200


def test_a_zip_lying_about_its_sizes_is_refused(small):
    """The central directory may declare less than the member holds: expansion is counted."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.txt", b"\0" * (3 * 1024 * 1024))
    data = bytearray(buffer.getvalue())
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (1000).to_bytes(4, "little")  # declared uncompressed size
    local = data.find(b"PK\x03\x04")
    data[local + 22:local + 26] = (1000).to_bytes(4, "little")
    response = _post(small, [("files", ("伪.zip", bytes(data)))])
    assert response.status_code in (400, 413), response.text
    assert "伪.zip/a.txt" in response.json()["error"]["message"]


def test_twenty_clients_with_ten_files_each(server):
    expected = {r["path"]: r for r in _without_folders(_cli(str(seed_path("000").parent)))["reports"]}

    def client(number: int) -> list[tuple[str, dict]]:
        files = [("files", (f"c{number}-{k}-{seed_path(SEEDS[k % 5]).name}", seed_path(SEEDS[k % 5]).read_bytes()))
                 for k in range(10)]
        response = _post(server, files)
        assert response.status_code == 200
        return response.json()["reports"]

    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(client, range(20)))
    for number, reports in enumerate(answers):
        assert len(reports) == 10
        for report in reports:
            prefix = f"c{number}-"
            assert report["path"].startswith(prefix)
            name = report["path"].split("-", 2)[2]
            assert {**report, "path": name} == expected[name]


def test_memory_stays_bounded_over_500_uploads(tmp_path):
    folder = tmp_path / "tmp"
    folder.mkdir()
    body = [_seed_file("003")]
    with Server("--workers", "2", tmpdir=folder) as server, httpx.Client(base_url=server.url, timeout=300) as client:
        for _ in range(100):
            assert client.post("/api/check", files=body).status_code == 200
        warmed = server.rss_kib()
        for _ in range(400):
            assert client.post("/api/check", files=body).status_code == 200
        grown = server.rss_kib() - warmed
        kept = [p for p in folder.glob("fazhi-check-serve-*/*") if p.is_dir() and p.name != "scratch"]  # results
        assert len(kept) == 50  # the oldest results were deleted
        print(f"server RSS after 100 uploads {warmed} KiB, growth over the next 400: {grown} KiB")
        assert grown < 30 * 1024, grown


def test_the_page_has_no_inline_code_and_fetches_nothing_from_elsewhere():
    from lxml import html as lxml_html

    static = Path(__file__).resolve().parent.parent / "checker" / "web" / "static"
    page = lxml_html.fromstring((static / "index.html").read_text(encoding="utf-8"))
    attributes = [name for element in page.iter() if isinstance(element.tag, str) for name in element.attrib]
    assert not [name for name in attributes if name.lower().startswith("on") or name.lower() == "style"]
    assert [s.get("src") for s in page.iter("script")] == ["/static/app.js"]
    assert [s.text for s in page.iter("script")] == [None] and not list(page.iter("style"))
    for path in static.iterdir():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", text), path.name
        assert ".innerHTML" not in text and "eval(" not in text, path.name


def test_a_busy_port_and_a_short_token_are_plain_errors():
    import socket

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        result = run_cli("serve", "--port", str(port), "--no-browser")
    finally:
        taken.close()
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr.decode() == (f"错误：端口 {port} 已被占用（可能已有一个审阅台或其他程序在使用）。"
                                      "请用 --port 换一个端口，或用 --port 0 自动选择空闲端口。\n")
    short = run_cli("serve", "--token", "a", "--no-browser")
    assert short.returncode == 2 and short.stderr.decode() == (
        "错误：访问令牌太短：--token 至少要 16 个字符（现为 1 个）。不写 --token 时，非本机地址会自动生成一个足够长的令牌。\n")
    spaced = run_cli("serve", "--token", "abc def ghi jkl mno", "--no-browser")
    assert spaced.returncode == 2 and "访问令牌只能由英文字母、数字、- 和 _ 组成" in spaced.stderr.decode()


def test_a_desk_stopped_by_sigterm_leaves_no_worker_and_says_nothing():
    """A service manager stops the desk with SIGTERM, which reaches only the desk's own process."""
    import signal

    desk = Server()
    assert _post(desk, [_seed_file("000")]).status_code == 200
    workers = _children(desk.process.pid)
    assert workers  # the pool has started its checkers
    errors = desk.stop(signal.SIGTERM)
    assert "leaked" not in errors and "Traceback" not in errors, errors

    def running(pid: int) -> bool:  # a zombie left for an init that does not reap is no process
        try:
            return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except OSError:
            return False

    import time

    deadline = time.monotonic() + 10  # the resource tracker ends once the desk's pipe closes
    while any(running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [pid for pid in workers if running(pid)] == []


def test_office_conversions_of_uploads_stay_in_the_desk_folder(tmp_path, made, monkeypatch):
    """LibreOffice's copy of a .doc upload and its .docx are written inside the desk's own folder
    (removed with it), not beside it in the system's temporary folder."""
    import shutil
    import stat

    log = tmp_path / "soffice.log"
    shim = tmp_path / "soffice"  # the real LibreOffice, its arguments noted
    shim.write_text(f'#!/bin/sh\necho "$@" >> {log}\nexec {shutil.which("soffice")} "$@"\n', encoding="utf-8")
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("FAZHI_CHECK_SOFFICE", str(shim))
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    draft = made("000", "doc")
    with Server(tmpdir=temporary) as server:
        [report] = _post(server, [("files", (draft.name, draft.read_bytes()))]).json()["reports"]
        assert (report["error"], report["score"]) == (None, 96)
        desk = next(temporary.glob("fazhi-check-serve-*"))
        used = log.read_text(encoding="utf-8").split()
        inputs = [Path(word) for word in used if word.endswith(".doc")]
        assert inputs and all(desk in path.parents for path in inputs)
        assert sorted(p.name for p in temporary.iterdir() if not p.name.startswith("jieba.")) == [desk.name]
    assert not any(temporary.glob("fazhi-check-*"))
