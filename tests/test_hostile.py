"""Hostile inputs and scenarios (docs/errors.md): writes that cannot destroy a file, names that are
not UTF-8, unreadable folders, closed pipes and full disks, `fix --write`. Every hostile file is made
by the test; each case runs alone and in a batch beside a good report, whose report must be there."""

import json
import os
import shutil
import subprocess
import sys

import pytest
from docmaker import seed_path, write_docx
from helpers import ROOT, run_cli

CHECKER = [sys.executable, "-m", "checker"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def one_error(result, *parts) -> str:
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2, err
    assert "Traceback" not in err and "内部错误" not in err, err
    for part in parts:
        assert part in err, err
    return err


def good_seed(folder):
    """The good report every batch carries (seed 003: no must-fix finding)."""
    path = folder / "good.txt"
    shutil.copy(seed_path("003"), path)
    return path


def reports_by_name(result) -> dict:
    data = json.loads(result.stdout.decode("utf-8"))
    return {os.path.basename(report["path"]): report for report in data["reports"]}


def assert_good_reported(reports: dict) -> None:
    good = reports["good.txt"]
    assert good["error"] is None and good["score"] > 0 and len(good["results"]) > 20


def unprivileged() -> list[str] | None:
    """A command prefix under which file permissions apply (root reads and writes anything)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        return None
    drop = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]
    probe = subprocess.run([*drop, sys.executable, "-c", "import click"], capture_output=True, cwd="/")
    return drop if probe.returncode == 0 else None


def run_unprivileged(*args, cwd=None):
    prefix = unprivileged()
    if prefix is None:
        pytest.skip("running as root, and permissions cannot be made to apply")
    return subprocess.run([*prefix, *CHECKER, *args], capture_output=True, cwd=cwd or ROOT, env=ENV, timeout=300)


# --- 1. writes that cannot destroy -----------------------------------------------------------

def test_check_refuses_to_write_its_output_onto_an_input(tmp_path):
    victim = tmp_path / "victim.txt"
    shutil.copy(seed_path("000"), victim)
    before, inode = victim.read_bytes(), victim.stat().st_ino
    err = one_error(run_cli("check", "-o", str(victim), str(victim)), "错误：输出文件不能是本次运行的输入文件：", "victim.txt")
    assert len(err.strip().splitlines()) == 1
    good = good_seed(tmp_path)
    link = tmp_path / "link.json"
    os.link(victim, link)  # the same file under another name, in a batch
    one_error(run_cli("check", "-o", str(link), str(good), str(victim)), "（与输入文件", "victim.txt 是同一个文件）")
    assert victim.read_bytes() == before and victim.stat().st_ino == inode
    result = run_cli("check", "-o", str(tmp_path / "out.json"), str(good), str(victim))
    assert result.returncode in (0, 1) and victim.read_bytes() == before
    assert_good_reported({os.path.basename(r["path"]): r for r in json.loads((tmp_path / "out.json").read_text())["reports"]})


def test_annotate_refuses_a_hard_link_of_the_draft_and_an_existing_output(tmp_path):
    draft = write_docx(seed_path("003").read_text(encoding="utf-8"), tmp_path / "draft.docx")
    before = draft.read_bytes()
    hard = tmp_path / "hard.docx"
    os.link(draft, hard)
    one_error(run_cli("annotate", str(draft), "-o", str(hard), "--force"),
              "错误：批注稿不能是本次运行的输入文件：", "hard.docx（与输入文件", "draft.docx 是同一个文件）")
    assert draft.read_bytes() == before
    reviewed = tmp_path / "reviewed.docx"
    reviewed.write_bytes(b"keep me")
    one_error(run_cli("annotate", str(draft), "-o", str(reviewed)), f"错误：批注稿已存在：{reviewed}。如需覆盖请加 --force。")
    assert reviewed.read_bytes() == b"keep me"
    done = run_cli("annotate", str(draft), "-o", str(reviewed), "--force")
    assert done.returncode == 0, done.stderr.decode()
    assert reviewed.read_bytes().startswith(b"PK") and draft.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.docx", "hard.docx", "reviewed.docx"]  # no temp file left


def test_concurrent_runs_writing_the_same_output_leave_a_whole_file(tmp_path):
    good = good_seed(tmp_path)
    inputs = [str(good), str(seed_path("004")), str(seed_path("000"))]
    output = tmp_path / "out" / "result.json"
    output.parent.mkdir()
    runs = [subprocess.Popen([*CHECKER, "check", "--format", "json", "-o", str(output), *inputs[: 1 + n % 3]],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, cwd=ROOT) for n in range(6)]
    for run in runs:
        assert run.wait(timeout=300) in (0, 1), run.stderr.read().decode()
    data = json.loads(output.read_text(encoding="utf-8"))  # whole and valid, whoever won
    assert_good_reported({os.path.basename(r["path"]): r for r in data["reports"]})
    assert [p.name for p in output.parent.iterdir()] == ["result.json"]


def test_output_written_into_a_missing_folder_or_a_full_disk(tmp_path):
    good = good_seed(tmp_path)
    one_error(run_cli("check", "-o", str(tmp_path / "nowhere" / "out.json"), str(good)),
              f"错误：无法写入输出文件：{tmp_path / 'nowhere' / 'out.json'}（所在文件夹不存在）。请检查路径和权限。")
    if os.path.exists("/dev/full"):
        one_error(run_cli("check", "-o", "/dev/full", str(good)), "错误：无法写入输出文件：/dev/full（磁盘空间已满）。请清理磁盘空间后重试。")
    assert run_cli("check", "-o", os.devnull, str(good)).returncode == 0  # a device is written into, never replaced
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)


def test_init_writes_through_a_temporary_file(tmp_path):
    assert run_cli("init", cwd=tmp_path).returncode == 0
    one_error(run_cli("init", cwd=tmp_path), "配置文件已存在")
    assert run_cli("init", "--force", cwd=tmp_path).returncode == 0
    assert [p.name for p in tmp_path.iterdir()] == [".fazhi-check.yaml"]


# --- 5. names and folders --------------------------------------------------------------------

BAD_NAME = os.fsdecode(b"bad\xff\xfename.txt")


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
@pytest.mark.parametrize("fmt", ["json", "text", "compact", "sarif", "junit", "github", "markdown", "html", "auto"])
def test_a_file_name_that_is_not_utf8_never_crashes_an_output(tmp_path, fmt):
    bad = tmp_path / BAD_NAME
    shutil.copy(seed_path("003"), bad)
    good = good_seed(tmp_path)
    for arguments in ([str(bad)], [str(tmp_path)], [str(bad), str(good)]):
        result = run_cli("check", "--format", fmt, *arguments)
        out, err = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
        assert result.returncode == 0, err
        assert "bad\ufffd\ufffdname.txt" in out and "Traceback" not in err
        if len(arguments) > 1 or arguments[0] == str(tmp_path):
            assert "good.txt" in out
    written = tmp_path / "out.json"
    assert run_cli("check", "-o", str(written), str(tmp_path)).returncode == 0
    names = sorted(os.path.basename(r["path"]) for r in json.loads(written.read_text(encoding="utf-8"))["reports"])
    assert names == ["bad\ufffd\ufffdname.txt", "good.txt"]


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
def test_an_unreadable_file_with_an_undecodable_name(tmp_path):
    bad = tmp_path / os.fsdecode(b"bad\xff\xfename.docx")
    bad.write_bytes(b"not a zip")
    good = good_seed(tmp_path)
    result = run_cli("check", "--format", "json", str(tmp_path))
    err = one_error(result, "bad\ufffd\ufffdname.docx")
    assert len(err.strip().splitlines()) == 1
    reports = reports_by_name(result)
    assert_good_reported(reports)
    assert reports["bad\ufffd\ufffdname.docx"]["error"]["message"].startswith("文件不是有效的 .docx")


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_an_unreadable_folder_is_an_error_and_the_rest_is_checked(tmp_path):
    noperm = tmp_path / "noperm"
    (noperm / "inner").mkdir(parents=True)
    shutil.copy(seed_path("000"), noperm / "inner" / "a.txt")
    good = good_seed(tmp_path)
    try:
        noperm.chmod(0)
        alone = run_unprivileged("check", str(noperm))
        both = run_unprivileged("check", "--format", "json", str(noperm), str(good))
        nested = run_unprivileged("check", "--format", "json", str(tmp_path))
    finally:
        noperm.chmod(0o755)
    message = f"错误：没有权限读取文件夹：{noperm}。其中的报告没有检查；请检查文件夹权限（chmod / 属性）。"
    for result in (alone, both, nested):
        assert one_error(result, message).count("错误：") == 1
    for result in (both, nested):
        reports = reports_by_name(result)
        assert_good_reported(reports)
        assert reports["noperm"]["error"]["code"] == "folder-unreadable"


# --- 6. output errors ------------------------------------------------------------------------

PRINTING = [["check", "{good}"], ["check", "--format", "json", "{good}", "{missing}"], ["outline", "{good}"],
            ["rules"], ["explain", "content.causes"], ["config"], ["fix", "{fixable}"]]


def _commands(tmp_path):
    good = good_seed(tmp_path)
    fixable = tmp_path / "fixable.txt"
    shutil.copy(seed_path("004"), fixable)
    values = {"good": str(good), "missing": str(tmp_path / "missing.txt"), "fixable": str(fixable)}
    return [[part.format(**values) for part in command] for command in PRINTING]


def test_a_closed_pipe_ends_quietly_with_the_usual_code(tmp_path):
    for command in _commands(tmp_path):
        usual = run_cli(*command).returncode
        process = subprocess.Popen([*CHECKER, *command], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, cwd=ROOT)
        process.stdout.close()  # the reader is gone before the first line is written (`| head -0`)
        err = process.stderr.read().decode("utf-8")
        assert process.wait(timeout=300) == usual, (command, err)
        assert "内部错误" not in err and "Traceback" not in err and "BrokenPipe" not in err, (command, err)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_on_standard_output_is_one_clear_line(tmp_path):
    for command in _commands(tmp_path):
        with open("/dev/full", "w") as full:
            result = subprocess.run([*CHECKER, *command], stdout=full, stderr=subprocess.PIPE, env=ENV, cwd=ROOT, timeout=300)
        err = result.stderr.decode("utf-8")
        assert result.returncode == 2, (command, err)
        assert "错误：无法写入标准输出（磁盘空间已满）。请清理磁盘空间，或用 -o 把结果写到别的位置。" in err, (command, err)
        assert "内部错误" not in err and "Traceback" not in err, (command, err)
        assert err.count("无法写入标准输出") == 1, (command, err)


# --- 4. fix --write --------------------------------------------------------------------------

def _fixable(folder, name="draft.txt", encoding="utf-8", bom=b""):
    path = folder / name
    path.write_bytes(bom + seed_path("004").read_text(encoding="utf-8").encode(encoding))
    return path


def test_fix_keeps_utf16_big_endian_with_its_bom(tmp_path):
    import codecs

    path = _fixable(tmp_path, encoding="utf-16-be", bom=codecs.BOM_UTF16_BE)
    before = path.read_bytes()
    assert run_cli("fix", "--write", str(path)).returncode == 0
    fixed = path.read_bytes()
    assert fixed.startswith(codecs.BOM_UTF16_BE) and fixed != before
    assert "2025年，区信访办" in fixed[2:].decode("utf-16-be") and "\ufeff" not in fixed[2:].decode("utf-16-be")
    assert (tmp_path / "draft.txt.bak").read_bytes() == before


def test_fix_refuses_to_overwrite_an_existing_backup(tmp_path):
    path = _fixable(tmp_path)
    good = _fixable(tmp_path, "other.txt")
    backup = tmp_path / "draft.txt.bak"
    backup.write_bytes(b"the first original")
    before = path.read_bytes()
    result = run_cli("fix", "--write", str(path), str(good))
    one_error(result, f"错误：备份文件已存在：{backup}。为免覆盖上一次的原稿，未做修改；请先移走该备份，或加 --force 覆盖它。")
    assert path.read_bytes() == before and backup.read_bytes() == b"the first original"
    assert f"已修正 {good}" in result.stdout.decode() and (tmp_path / "other.txt.bak").exists()
    assert run_cli("fix", "--write", "--force", str(path)).returncode == 0
    assert backup.read_bytes() == before and path.read_bytes() != before


def test_fix_on_a_read_only_file_is_one_error_and_the_batch_goes_on(tmp_path):
    locked = _fixable(tmp_path, "locked.txt")
    good = _fixable(tmp_path, "good.txt")
    before = locked.read_bytes()
    locked.chmod(0o444)
    result = run_unprivileged("fix", "--write", str(locked), str(good))
    err = one_error(result, f"错误：文件是只读的：{locked}。未做修改；如需修正，请先取消只读属性再运行 fix --write。")
    assert len(err.strip().splitlines()) == 1
    assert locked.read_bytes() == before and not (tmp_path / "locked.txt.bak").exists()
    assert "2025年，区信访办" in good.read_text(encoding="utf-8") and (tmp_path / "good.txt.bak").exists()


def test_fix_in_a_read_only_folder_leaves_no_backup(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = _fixable(folder)
    before = path.read_bytes()
    folder.chmod(0o555)
    try:
        result = run_unprivileged("fix", "--write", str(path))
    finally:
        folder.chmod(0o755)
    one_error(result, f"错误：无法写入报告：{path}（没有写入权限）。请检查路径和权限。")
    assert path.read_bytes() == before and sorted(p.name for p in folder.iterdir()) == ["draft.txt"]


def test_fix_backs_up_the_bytes_it_read_and_refuses_a_file_changed_meanwhile(tmp_path):
    from checker.errors import InputError
    from checker.fixer import fix_text, read_for_fix, write_fixed

    path = _fixable(tmp_path)
    source = read_for_fix(str(path))
    path.write_text("一份在修正期间保存的新稿\n", encoding="utf-8")  # the user saves while fix runs
    with pytest.raises(InputError) as refused:
        write_fixed(source, fix_text(source.text))
    assert refused.value.message == f"文件在修正期间被改动：{path}。未做修改，请重新运行 fix。"
    assert path.read_text(encoding="utf-8") == "一份在修正期间保存的新稿\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.txt"]
    source = read_for_fix(str(path))
    original = source.data
    path.write_bytes(original)  # same bytes again: not a change
    write_fixed(source, source.text.replace("新稿", "新稿。"))
    assert (tmp_path / "draft.txt.bak").read_bytes() == original


# --- 3. YAML: alias bombs, devices, long values -----------------------------------------------

BOMB = "".join([f"x0: &x0 [{', '.join(['lol'] * 9)}]\n"] + [f"x{i}: &x{i} [{', '.join([f'*x{i - 1}'] * 9)}]\n" for i in range(1, 9)])


def test_a_yaml_alias_bomb_in_a_configuration_is_refused_by_line(tmp_path):
    config = tmp_path / "bomb.yaml"
    config.write_text("fail_on: error\n" + BOMB + "exclude: *x8\n", encoding="utf-8")
    good = good_seed(tmp_path)
    for arguments in ([str(good)], [str(good), str(seed_path("004"))]):
        err = one_error(run_cli("check", "--config", str(config), *arguments),
                        f"错误：配置文件无法使用：{config} 第7行：别名 *x4 展开后整个文件超过 100000 个节点。请不要层层嵌套锚点和别名（& 与 *）。")
        assert len(err.strip().splitlines()) == 1


def test_a_yaml_alias_bomb_in_a_rule_file_and_a_self_reference(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bomb.yaml").write_text(BOMB, encoding="utf-8")
    config = tmp_path / ".fazhi-check.yaml"
    config.write_text("rule_dirs: [rules]\n", encoding="utf-8")
    good = good_seed(tmp_path)
    one_error(run_cli("check", str(good), cwd=tmp_path), f"错误：规则文件无法使用：{rules / 'bomb.yaml'} 第6行：别名 *x4 展开后")
    (rules / "bomb.yaml").write_text("a: &a\n  - b\n  - *a\n", encoding="utf-8")
    one_error(run_cli("validate", str(rules / "bomb.yaml"), cwd=tmp_path),
              f"错误：规则文件无法使用：{rules / 'bomb.yaml'} 第3行：别名 *a 引用了包含它自身的内容。请删除这个循环引用。")
    many = "a: &a x\nb: [" + ", ".join(["*a"] * 101) + "]\n"
    (rules / "bomb.yaml").write_text(many, encoding="utf-8")
    one_error(run_cli("check", str(good), cwd=tmp_path), "第2行：别名（*）超过 100 个。请直接写出内容，少用锚点和别名。")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_devices_and_pipes_as_configuration_or_rules_are_refused(tmp_path):
    good = good_seed(tmp_path)
    config = tmp_path / "extends.yaml"
    config.write_text("extends: /dev/zero\n", encoding="utf-8")
    message = "错误：配置文件不是普通文件：/dev/zero。请指向一个 YAML 文件（文件夹、设备和管道都不行）。"
    one_error(run_cli("check", "--config", str(config), str(good)), message)
    one_error(run_cli("check", "--config", "/dev/zero", str(good)), message)
    config.write_text("rule_dirs: [/dev/zero]\n", encoding="utf-8")
    one_error(run_cli("check", "--config", str(config), str(good)),
              "错误：规则目录不是文件夹：/dev/zero。请在配置的 rule_dirs 中写规则文件所在的文件夹或规则文件。")
    folder = tmp_path / "rules"
    folder.mkdir()
    os.mkfifo(folder / "waiting.yaml")  # no writer: reading it would block forever
    config.write_text("rule_dirs: [rules]\n", encoding="utf-8")
    one_error(run_cli("check", "--config", str(config), str(good)),
              f"错误：规则文件不是普通文件：{folder / 'waiting.yaml'}。请指向一个 YAML 文件（文件夹、设备和管道都不行）。")


def test_error_messages_cut_long_values(tmp_path):
    good = good_seed(tmp_path)
    config = tmp_path / "long.yaml"
    config.write_text('fail_on: "' + "很长" * 50_000 + '"\n', encoding="utf-8")
    err = one_error(run_cli("check", "--config", str(config), str(good)), f"错误：配置文件不符合格式要求：{config} 第1行，键 `fail_on`：", "…（共 ")
    assert len(err) < 600
    rule = tmp_path / "rule.yaml"
    rule.write_text("id: custom.x\ntitle: 测试\nkind: phrase\nseverity: warning\nweight: 1\nbasis: 测试用的依据文字\nfix: 删去该内容。\n"
                    "messages: {fail: 命中。}\nexamples: {pass: [很短。], flag: [{text: 无此词, status: fail}]}\n"
                    "options:\n  patterns: ['" + "(" * 5000 + "']\n",
                    encoding="utf-8")
    err = one_error(run_cli("validate", str(rule)), f"{rule}", "无法编译", "…（共 5000 个字符）")
    assert len(err) < 800


# --- 2. linear time: twice the input, about twice the work ------------------------------------

def _line_events(function, *args) -> int:
    """Lines executed inside `function`'s module: an operation count that does not depend on the machine."""
    target = function.__code__.co_filename
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        if frame.f_code.co_filename != target:
            return None
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        function(*args)
    finally:
        sys.settrace(None)
    return count


def test_arithmetic_parts_are_linear_in_a_long_paragraph():
    from checker.kinds import arithmetic
    from checker.loader import load_rules

    options = next(rule for rule in load_rules() if rule.id == "data.arithmetic").options
    unit = "登记100件，其中来信51件，来访52件，化解98件，化解率98%；"  # every 其中 a near miss
    small, large = unit * 400, unit * 800
    assert len(arithmetic._parts(small, options)) == 400
    work = [_line_events(arithmetic._parts, text, options) + _line_events(arithmetic._rates, text, options)
            for text in (small, large)]
    assert 1.8 < work[1] / work[0] < 2.3, work
    one_line = "登记100件，其中" + "来信1件，" * 20_000  # one 其中 before a very long list of parts
    assert _line_events(arithmetic._parts, one_line * 2, options) < 3 * _line_events(arithmetic._parts, one_line, options)
