"""The command line: thin wrappers that read, evaluate and hand results to an output module."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from checker import __version__
from checker.cli_chinese import ChineseHelp, HelpFormatter, usage_message
from checker.errors import CheckerError
from checker.outputs import FORMATS

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
# import name -> the name pip installs it by, where they differ
_DISTRIBUTIONS = {"yaml": "pyyaml", "docx": "python-docx", "multipart": "python-multipart",
                  "python_multipart": "python-multipart"}


def _console(stderr: bool = False):
    # importing rich is about a fifth of a cold check: only when something is drawn with it
    from rich.console import Console

    plain = "NO_COLOR" in os.environ
    return Console(stderr=stderr, no_color=plain, highlight=False, soft_wrap=False,
                   force_terminal=None if not plain else False)


def _on_terminal(stream) -> bool:
    """Whether rich would treat `stream` as a terminal (TTY_COMPATIBLE, FORCE_COLOR, then isatty),
    decided without importing rich; NO_COLOR means plain text."""
    if "NO_COLOR" in os.environ:
        return False
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = os.environ.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or already closed
        return False


def _print_traceback() -> None:
    import traceback  # only with --debug or for a bug: it pulls in linecache and tokenize

    traceback.print_exc()


def report_error(error: CheckerError) -> None:
    """One clear error line on stderr; the traceback too with --debug."""
    if _debug():
        _print_traceback()
    click.echo(f"错误：{error.message}", err=True)
    context = click.get_current_context(silent=True)
    if context is not None and context.meta.get("fazhi.format") == "github":  # shown in the run's annotations too
        from checker.outputs.github import error_command

        click.echo(error_command(error.message))


def fail(error: CheckerError) -> None:
    report_error(error)
    sys.exit(EXIT_ERROR)


def _debug() -> bool:
    context = click.get_current_context(silent=True)
    root = context.find_root() if context else None
    return bool(root and root.params.get("debug"))


class Command(ChineseHelp, click.Command):
    """A subcommand whose help is in Chinese."""


class Group(ChineseHelp, click.Group):
    """Turns every CheckerError into a clean exit 2, and any other crash into one line too."""

    command_class = Command

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)

    def main(self, *args, **kwargs):
        from checker import streams

        sys.exit(streams.run(lambda: self._main(*args, **kwargs), report_error))

    def _main(self, *args, **kwargs):
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError as error:
            click.echo(error.ctx.get_help() if error.ctx else str(error))
            sys.exit(EXIT_OK)
        except click.UsageError as error:
            command = error.ctx.command_path if error.ctx else "fazhi-check"
            click.echo(f"错误：用法不对：{usage_message(error)}。请运行 {command} --help 查看用法。", err=True)
            sys.exit(EXIT_ERROR)
        except click.exceptions.Abort:
            click.echo("已中止。", err=True)
            sys.exit(EXIT_ERROR)
        sys.exit(code or 0)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except CheckerError as error:
            fail(error)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except ModuleNotFoundError as error:  # every library is a dependency: the install is incomplete
            if ctx.params.get("debug"):
                _print_traceback()
            missing = (error.name or "?").split(".")[0]
            package = _DISTRIBUTIONS.get(missing, missing)
            click.echo(f"错误：缺少 Python 包 {package}，fazhi-check 的安装不完整。请在运行 fazhi-check 的 Python 环境中"
                       f"运行 pip install {package}，或重新安装 fazhi-check。", err=True)
            sys.exit(EXIT_ERROR)
        except Exception as error:  # a bug: still one line, and the traceback with --debug
            if ctx.params.get("debug"):
                _print_traceback()
            click.echo(f"错误：内部错误（{type(error).__name__}: {error}）。请加 --debug 重新运行"
                       f"（fazhi-check --debug {ctx.invoked_subcommand or '命令'} …）并报告此问题。", err=True)
            sys.exit(EXIT_ERROR)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="fazhi-check", message="%(prog)s %(version)s", help="显示版本号并退出。")
@click.option("--debug", is_flag=True, help="出错时显示完整的 Python 调用栈（供开发者排查）。")
def main(debug: bool) -> None:
    """fazhi-check：法治政府建设年度报告合规检查工具。"""


def _stdin_filename(command):
    """--stdin-filename: the file name standard input goes by (readers.name_stdin)."""
    return click.option("--stdin-filename", "stdin_name", metavar="文件名", default=None,
                        help="从标准输入（-）读取时使用的文件名：按其扩展名确定格式（如 .md），"
                             "结果和豁免的文件模式都用这个名字。编辑器或 CI 通过管道传入草稿时使用。")(command)


def _name_stdin(name: str | None, paths) -> None:
    from checker.readers import STDIN, name_stdin

    if name is not None and STDIN not in paths:
        fail(CheckerError("stdin-filename", f"--stdin-filename 只用于从标准输入读取：请在路径处写 -，"
                                            f"如 fazhi-check check --stdin-filename {name} - < {name}。"))
    if name is not None and not name.strip():
        fail(CheckerError("stdin-filename", "--stdin-filename 不能为空：请写出草稿的文件名，如 --stdin-filename 报告.md。"))
    name_stdin(name)


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="路径...")
@click.option("--format", "fmt", type=click.Choice(["tree", "json"]), default="tree", show_default=True,
              help="输出格式。")
@_stdin_filename
def outline(paths: tuple[str, ...], fmt: str, stdin_name: str | None) -> None:
    """显示报告的解析结构：标题、发文机关、年度、主送机关、成文日期、标题层级和网页框架内容。"""
    _name_stdin(stdin_name, paths)
    from checker.inputs import expand
    from checker.outputs import outline as render
    from checker.readers import read
    from checker.structure import outline as to_outline, parse

    items, failed = [], False
    console = _console() if fmt == "tree" else None
    for path in expand(list(paths)):
        try:
            data = to_outline(parse(read(path)))
        except CheckerError as error:
            failed = True
            report_error(error)
            items.append({"path": path, "error": {"code": error.code, "message": error.message}})
            continue
        items.append(data)
        if fmt == "tree":
            render.render_tree(data, console)
    if fmt == "json":
        click.echo(render.render_json(items))
    if not items:
        from checker.inputs import SUPPORTED

        fail(CheckerError("no-reports", f"没有找到可检查的报告：{' '.join(paths)}。{SUPPORTED}。"))
    sys.exit(EXIT_ERROR if failed else EXIT_OK)


def _load(config_path: str | None, overrides: dict | None = None):
    from checker.config import load_setup

    return load_setup(config_path, overrides)


def _scorecard(fmt: str, show_passed: bool):
    """The human scorecard: rich in a terminal (or with --format rich), plain text otherwise."""
    if fmt == "rich" or _on_terminal(sys.stdout):
        from checker.outputs import terminal

        return terminal.Scorecard(_console(), show_passed)
    from checker.outputs import text

    return text.Scorecard(sys.stdout, show_passed)


# -o FILE: the extension's format, and the --format values the extension admits
_ADMITS = {"json": {"json", "sarif", "gitlab"}, "text": {"text", "compact", "github", "markdown"}}


def _file_format(output: str, fmt: str | None) -> str:
    """The format -o writes: --format when it names a file format the extension admits, else
    the one the extension implies (JSON for a file with no extension). An extension that names
    no format of ours (.csv, .xls) needs --format: it must not get JSON in silence."""
    from checker.outputs import EXTENSIONS, FILE_FORMATS

    suffix = Path(output).suffix.lower()
    implied = EXTENSIONS.get(suffix)
    if suffix and implied is None and fmt in (None, "auto", "rich"):
        known = " ".join(sorted(EXTENSIONS))
        fail(CheckerError("unknown-extension", f"不认识输出文件 {output} 的扩展名 {suffix}：没有这种格式的输出。"
                                               f"请改用 {known} 之一，或用 --format 指定格式。"))
    if implied == "xlsx" and "xlsx" not in FILE_FORMATS:
        fail(CheckerError("format-unavailable", f"无法写入 {output}：这一版本没有 Excel（.xlsx）输出。请改用 .json、.html 等扩展名。"))
    if fmt in (None, "auto", "rich"):
        return implied or "json"
    if implied and fmt not in _ADMITS.get(implied, {implied}):
        fail(CheckerError("format-conflict", f"输出文件 {output} 的扩展名 {suffix} 表示 {implied} 格式，与 --format {fmt} 矛盾。"
                                             f"请去掉 --format（按扩展名输出），或把文件名改为与 {fmt} 格式相符的扩展名。"))
    return fmt


class _Progress:
    """A progress bar on stderr (count, rate, time left) while a batch is checked; nothing when
    stderr is not a terminal, with --quiet, or for a single report."""

    def __init__(self, total: int, quiet: bool):
        self.bar = None
        if quiet or total < 2 or not sys.stderr.isatty():
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
        from rich.text import Text

        class Rate(ProgressColumn):
            def render(self, task):
                return Text(f"{task.speed:.1f} 份/秒" if task.speed else "— 份/秒", style="cyan")

        self.bar = Progress(TextColumn("检查中"), BarColumn(), MofNCompleteColumn(), Rate(), TextColumn("剩余"),
                            TimeRemainingColumn(), console=_console(stderr=True), transient=True,
                            # stdout on the same screen prints above the bar; stdout to a file or pipe stays there
                            redirect_stdout=sys.stdout.isatty(), redirect_stderr=True)
        self.task = self.bar.add_task("check", total=total)

    def __enter__(self):
        if self.bar:
            self.bar.start()
        return self

    def advance(self, _report=None) -> None:
        if self.bar:
            self.bar.advance(self.task)

    def __exit__(self, *exc):
        if self.bar:
            self.bar.stop()


def _say_errors(report) -> None:
    """An unreadable file or a rule that could not run: one line on stderr as the report passes."""
    if report.error:
        click.echo(f"错误：{report.error['message']}", err=True)
    for error in report.rule_errors:
        click.echo(f"错误：{error['message']}", err=True)


def _select(paths, exclude, changed_since_rev) -> tuple[list[str], list[tuple[str, str]]]:
    """The paths to check, and those passed over on purpose (scorecards, folders whose reports are
    all excluded). With --changed-since, a path that is no file to check (it does not exist, an
    empty folder) stays, so that it is reported as it would be without the option."""
    from pathlib import Path

    from checker.inputs import changed_since, expand

    passed_over: list[tuple[str, str]] = []
    found = expand(list(paths), exclude, passed_over)
    if changed_since_rev:
        changed = changed_since(changed_since_rev, list(paths))  # the repository each path is in
        found = [p for p in found if p != "-" and (Path(p).resolve() in changed or not Path(p).is_file())]
    return found, passed_over


def _nothing_to_check(paths, passed_over, changed_since_rev) -> str | None:
    """Why there is nothing to check, when that is no error: nothing changed since the revision,
    or every path given is a scorecard of fazhi-check's or a folder whose reports are all excluded."""
    if changed_since_rev:
        return f"自 {changed_since_rev} 以来没有改动的报告，无需检查。"
    if not passed_over or len(passed_over) < len(paths):
        return None
    scorecards = "、".join(path for path, why in passed_over if why == "scorecard")
    excluded = "、".join(path for path, why in passed_over if why == "excluded")
    why = [f"{scorecards} 是 fazhi-check 写出的评分卡" if scorecards else "",
           f"文件夹 {excluded} 中的报告都已被配置的 exclude 排除" if excluded else ""]
    return f"没有需要检查的报告：{'；'.join(w for w in why if w)}。"


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="路径...")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="输出格式：auto（默认：终端彩色评分卡，否则纯文本）、rich、text、json、jsonl、compact、sarif、gitlab、junit、github、"
                   "markdown、html、xlsx。与 -o 同用时缺省按文件扩展名确定。")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="把结果写入文件，格式按扩展名确定（.json .jsonl .html .sarif .xml .md .txt .xlsx），终端仍显示评分卡。")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="哪一级问题使报告不合格、退出码为 1：error＝必须修改（默认，取配置），warning＝建议修改及以上，info＝任何问题，never＝从不。")
@click.option("--report-kind", type=click.Choice(["auto", "government", "department", "township"]), default=None,
              help="报告主体类别，决定报送期限（默认 auto：按发文机关名称判断）。")
@click.option("--config", "config_path", type=str, default=None, metavar="文件", help="配置文件路径（默认从当前目录向上查找 .fazhi-check.yaml）。")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="并行检查的进程数。")
@click.option("--changed-since", "changed_since_rev", metavar="REV", default=None,
              help="只检查自该 git 修订版本以来新增或改动的报告（含未提交和未跟踪的文件）。")
@click.option("--previous", "previous_path", metavar="LAST_YEAR_REPORT", default=None,
              help="上一年度的报告（任一支持的格式）：检查不足和安排是否照搬去年，去年的安排是否有回应。")
@click.option("--select", multiple=True, metavar="RULES",
              help="只运行这些规则：规则 id 或前缀（如 format.），逗号分隔，可重复。")
@click.option("--ignore", multiple=True, metavar="RULES",
              help="不运行这些规则：规则 id 或前缀，逗号分隔，可重复。")
@click.option("--time-limit", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
              help="每份文件的检查时间上限（秒，默认取配置，内置为 30；0 表示不限）。超时的文件报错并跳过。")
@click.option("--memory-limit", type=click.IntRange(min=0), default=None, metavar="MB",
              help="每份文件的内存上限（MB，默认取配置，内置为 1024；0 表示不限）。超限的文件报错并跳过。")
@click.option("--show-passed", is_flag=True, help="评分卡也列出符合和不适用的规则（默认只列出问题，其余合计为一行）。")
@click.option("-q", "--quiet", is_flag=True, help="不显示进度条。")
@_stdin_filename
def check(paths, fmt, output, fail_on, report_kind, config_path, jobs, changed_since_rev, previous_path, select, ignore,
          time_limit, memory_limit, show_passed, quiet, stdin_name) -> None:
    """检查报告：文件、文件夹（递归）、通配符，- 表示标准输入。"""
    click.get_current_context().meta["fazhi.format"] = fmt  # shared with the group's context, which reports errors
    _name_stdin(stdin_name, paths)
    from checker.batch import iter_reports
    from checker.engine import engine_settings_of
    from checker.model import Run
    from checker.outputs import write
    from checker.waivers import split_selectors

    file_fmt = _file_format(output, fmt) if output else None
    overrides = {"fail_on": fail_on, "report_kind": report_kind,
                 "select": split_selectors(select), "ignore": split_selectors(ignore),
                 "time_limit": time_limit, "memory_limit": memory_limit}
    from checker.inputs import SUPPORTED, only_placeholders
    from checker.outputs import BINARY

    if fmt in BINARY and not output and sys.stdout.isatty():  # bytes on a terminal are noise, and nothing is saved
        fail(CheckerError("binary-to-terminal", f"{fmt} 是二进制文件，不能显示在终端上。请用 -o 指定文件，如 -o 汇总.{fmt}，"
                                                f"或重定向到文件（> 汇总.{fmt}）。"))
    config, rules = _load(config_path, overrides)
    found, passed_over = _select(paths, config.settings.get("exclude", []), changed_since_rev)
    reason = None if found else _nothing_to_check(paths, passed_over, changed_since_rev)
    if reason:  # no error: an empty batch, so that a format a platform reads is still valid (and -o written)
        click.echo(reason, err=True)
    elif only_placeholders(found) and (fmt in (None, "auto", "rich") and not output):
        # nothing at all to check, shown to a person: one message, not one per argument (a format a
        # platform reads gets each placeholder as a report that could not be read, so it says why)
        fail(CheckerError("no-reports", f"没有找到可检查的报告：{' '.join(paths)}。{SUPPORTED}，文件夹会递归查找。"))
    if output:
        from checker.safe_write import refuse_inputs

        refuse_inputs(output, [*found, previous_path or "", *(str(file.path) for file in config.files),
                               *{str(rule.source) for rule in rules if rule.source}])
    settings = engine_settings_of(config)
    if previous_path:
        if len(found) != 1:
            fail(CheckerError("previous-needs-one", f"--previous 只能与一份报告一起使用，现在有 {len(found)} 份。请逐份检查。"))
        from checker.readers import read
        from checker.structure import parse

        try:
            settings["previous"] = parse(read(previous_path))
        except CheckerError as error:  # say which of the two files it is, as the web desk does
            fail(CheckerError(error.code, f"上一年度报告无法使用：{error.message}"))
    found = sorted(found)  # the order of the output never depends on how arguments were given
    screen = fmt in (None, "auto", "rich") or output
    card = _scorecard(fmt or "auto", show_passed) if screen else None
    with _Progress(len(found), quiet) as progress:
        # without a scorecard, nothing in this process reads a report's results: workers send back its text
        reports = iter_reports(found, rules, settings, jobs, config_path, overrides,
                               _prerender(file_fmt if output else fmt), lean=card is None)
        run = Run(reports, rules, fail_on=config.settings["fail_on"], root=Path.cwd())
        run.listeners += [progress.advance, _say_errors]
        if output:
            if card:
                run.listeners.append(card.report)
            _write(output, file_fmt, run)
        elif card:
            for report in run.each():
                card.report(report)
        else:
            write(fmt, run, sys.stdout)
        if card:
            card.finish(run)
    sys.exit(run.exit_code)


def _prerender(fmt: str | None):
    """The per-report text of a format whose workers can make it (see batch.iter_reports)."""
    if fmt in ("json", "jsonl"):
        import importlib

        return importlib.import_module(f"checker.outputs.{fmt}").fragment
    return None


def _write(path: str, fmt: str, run) -> None:
    from checker.outputs import BINARY, write
    from checker.safe_write import replacing

    with replacing(path, "wb" if fmt in BINARY else "w") as handle:  # a temp file renamed into place: never half a file
        write(fmt, run, handle)


@main.command()
def lsp() -> None:
    """语言服务器（LSP，经标准输入输出通信）：在编辑器中打开或保存 .md/.txt 草稿时显示检查结果。"""
    try:
        import pygls  # noqa: F401
    except ImportError:
        fail(CheckerError("lsp-missing", "语言服务器需要 pygls：请运行 pip install pygls。"))
    from checker.lsp import main as serve

    serve()


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["table", "markdown", "json"]), default="table", show_default=True)
@click.option("--config", "config_path", type=str, default=None, metavar="文件", help="配置文件路径。")
def list_rules(fmt: str, config_path: str | None) -> None:
    """列出全部规则（markdown 格式即 docs/rules.md 规则目录）。"""
    config, rules = _load(config_path)
    if fmt == "markdown":
        from checker.outputs.catalogue import markdown

        click.echo(markdown(rules), nl=False)
        return
    if fmt == "json":
        import json

        click.echo(json.dumps([{"id": r.id, "title": r.title, "kind": r.kind, "severity": r.severity,
                                "severities": r.severities, "statutory": r.statutory, "weight": r.weight,
                                "enabled": r.enabled, "basis": r.basis, "source": str(r.source)} for r in rules],
                              ensure_ascii=False, indent=2))
        return
    _rule_table(rules, _console())


def _rule_table(rules, console) -> None:
    """Rule ids are never cut: at 100 columns or more a table, narrower one rule per two lines."""
    from rich.table import Table
    from rich.text import Text

    from checker.outputs.common import rule_level

    if console.width < 100:
        for r in rules:
            line = Text(r.id, style="bold", no_wrap=True, overflow="ignore")
            line.append(f"  {rule_level(r)}  权重 {r.weight:g}" + ("" if r.enabled else "  未启用"))
            console.print(line)
            console.print(Text(f"    {r.title}（{r.kind}）"))
        return
    table = Table(header_style="bold")
    table.add_column("id", no_wrap=True, min_width=max(len(r.id) for r in rules))
    for column in ("要求", "类型", "级别", "权重", "启用"):
        table.add_column(column, overflow="fold")
    for r in rules:
        table.add_row(r.id, r.title, r.kind, rule_level(r), f"{r.weight:g}", "是" if r.enabled else "否")
    console.print(table)


@main.command()
@click.argument("rule_id", metavar="规则编号")
@click.option("--config", "config_path", type=str, default=None, metavar="文件", help="配置文件路径。")
def explain(rule_id: str, config_path: str | None) -> None:
    """解释一条规则：依据、理由、选项、提示语和示例。"""
    import yaml

    from checker.outputs.common import rule_level

    _, rules = _load(config_path)
    rule = next((r for r in rules if r.id == rule_id), None)
    if rule is None:
        close = [r.id for r in rules if rule_id.split(".")[-1] in r.id]
        hint = f"是否要找：{', '.join(close)}？" if close else "用 fazhi-check rules 查看全部规则。"
        fail(CheckerError("unknown-rule", f"没有这条规则：{rule_id}。{hint}"))
    out = [f"{rule.id}　{rule.title}", f"类型：{rule.kind}　级别：{rule_level(rule)}　权重：{rule.weight:g}　文件：{rule.source}"]
    if rule.level_reason:
        out.append(f"级别理由：{rule.level_reason}")
    out += [f"依据：{rule.basis}", f"修改建议：{rule.fix}"]
    if rule.rationale:
        out.append(f"说明：{' '.join(rule.rationale.split())}")
    out.append("提示语：")
    out += [f"  {status}：{text}" for status, text in rule.messages.items()]
    out.append("选项：")
    out += ["  " + line for line in yaml.safe_dump(rule.options, allow_unicode=True, sort_keys=False).rstrip().split("\n")]
    out.append("通过示例：")
    for example in rule.examples["pass"]:
        text = example if isinstance(example, str) else example["text"]
        out += ["  | " + line for line in text.rstrip().split("\n")] + [""]
    out.append("问题示例：")
    for example in rule.examples["flag"]:
        out.append(f"  结论 {example['status']}：")
        out += ["  | " + line for line in example["text"].rstrip().split("\n")] + [""]
    out.append(f"检查类型 {rule.kind} 的全部选项见 docs/rule-authoring.md 的“{rule.kind}”一节。")
    click.echo("\n".join(out))


@main.command()
@click.argument("files", nargs=-1, type=click.Path(), metavar="[文件...]")
def validate(files: tuple[str, ...]) -> None:
    """校验规则文件（默认为内置规则包、解析词表和知识库）：JSON Schema、正则、中文旁的 \\b、引用、以及每条规则能否命中自身示例。"""
    from pathlib import Path

    from checker.examples import run_examples
    from checker.loader import load_rules

    from checker.knowledge import validate_knowledge
    from checker.lexicon import validate_lexicon

    validate_lexicon()
    validate_knowledge()
    from checker.config import NAMES, load_setup

    configs = [f for f in files if Path(f).name in NAMES]
    if configs:  # a configuration is checked as one (the rule schema would call its keys unknown)
        for config in configs:
            load_setup(config)
            click.echo(f"✓ 配置文件有效：{config}（其中的规则设置、豁免和自定义规则目录均已检查）。")
        files = tuple(f for f in files if f not in configs)
        if not files:
            return
    rules = load_rules([Path(f) for f in files], strict_builtin=True)
    chosen = [r for r in rules if not files or any(Path(f).resolve() in (r.source.resolve(), *r.source.resolve().parents) for f in files)]
    problems = [f"{rule.source} 第{rule.line}行 {rule.id}：{failure}" for rule in chosen for failure in run_examples(rule, rules)]
    if problems:
        for problem in problems:
            click.echo(f"错误：规则示例未通过：{problem}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"✓ {len(chosen)} 条规则有效（格式、正则、引用和示例均通过）。")


@main.command("test-rules")
@click.option("--config", "config_path", type=str, default=None, metavar="文件", help="配置文件路径（含自定义规则目录）。")
def test_rules(config_path: str | None) -> None:
    """运行每条规则自带的通过示例和问题示例。"""
    from checker.examples import run_examples

    config, rules = _load(config_path)
    tuned = {rule_id: sorted(setting.get("options") or {}) for rule_id, setting in (config.settings.get("rules") or {}).items()}
    failed = 0
    for rule in rules:
        failures = run_examples(rule, rules)
        count = len(rule.examples["pass"]) + len(rule.examples["flag"])
        if failures:
            failed += 1
            click.echo(f"✗ {rule.id}：")
            for failure in failures:
                click.echo(f"    {failure}")
            if tuned.get(rule.id):  # the examples were written for the rule's own options
                click.echo(f"    （配置文件修改了该规则的选项 {'、'.join(tuned[rule.id])}：示例是按规则文件中的选项写的，"
                           "未通过可能是这一修改所致。）")
        else:
            click.echo(f"✓ {rule.id}（{count} 个示例）")
    click.echo(f"{len(rules) - failed} 条规则的示例通过，{failed} 条未通过。" if failed else f"{len(rules)} 条规则的示例全部通过。")
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


@main.command()
@click.option("--force", is_flag=True, help="覆盖已有的配置文件。")
def init(force: bool) -> None:
    """在当前目录生成带注释的 .fazhi-check.yaml。"""
    from pathlib import Path

    from checker.paths import rules_dir

    target = Path(".fazhi-check.yaml")
    from checker.safe_write import write_text

    if target.exists() and not force:
        fail(CheckerError("config-exists", f"配置文件已存在：{target}。如需覆盖请加 --force。"))
    write_text(target, (rules_dir() / "starter-config.yaml").read_text(encoding="utf-8"), what="配置文件")
    click.echo(f"已生成 {target}。运行 fazhi-check config 查看合并后的配置。")


@main.command("config")
@click.option("--config", "config_path", type=str, default=None, metavar="文件", help="配置文件路径。")
def show_config(config_path: str | None) -> None:
    """显示合并后的配置，以及每个值来自哪里。"""
    import json

    from checker.config import load_config

    config = load_config(config_path)
    click.echo(f"配置文件：{config.path or '（未找到，使用内置默认）'}")
    for key in sorted(config.sources):
        value = config.settings
        for part in _split_key(key, config.settings):
            value = value[part] if isinstance(value, dict) else value
        if isinstance(value, list):  # what the loader noted for itself (a waiver's folder) is not shown
            value = [{k: v for k, v in item.items() if not k.startswith("_")} if isinstance(item, dict) else item for item in value]
        click.echo(f"{key} = {json.dumps(value, ensure_ascii=False)}　　# {config.sources[key]}")


def _split_key(key: str, settings: dict) -> list[str]:
    """Dotted keys whose parts may contain dots themselves (rule ids): walk the real mapping."""
    parts, node, rest = [], settings, key
    while rest:
        match = next((k for k in sorted(node, key=len, reverse=True) if rest == k or rest.startswith(k + ".")), None) if isinstance(node, dict) else None
        if match is None:
            break
        parts.append(match)
        node, rest = node[match], rest[len(match) + 1:]
    return parts


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(), metavar="文件...")
@click.option("--write", "write_back", is_flag=True, help="写回文件（原文件保存为 .bak）。默认只显示差异。")
@click.option("--check", "check_only", is_flag=True, help="只检查：需要修改时退出码为 1（用于 CI）。")
@click.option("--force", is_flag=True, help="与 --write 一起使用：覆盖已有的 .bak 备份。")
def fix(files: tuple[str, ...], write_back: bool, check_only: bool, force: bool) -> None:
    """自动修正 .txt/.md 中的排版问题：标点全半角、标题序号写法、日期补零。不改动文字内容。"""
    from checker.fixer import fix_text, read_for_fix, unified_diff, write_fixed
    from checker.streams import shown

    changed, failed = 0, False
    for path in dict.fromkeys(files):
        try:
            source = read_for_fix(path)
            after = fix_text(source.text, markdown=Path(path).suffix.lower() in (".md", ".markdown"))
            if after == source.text:
                continue
            changed += 1
            if write_back:
                backup = write_fixed(source, after, force)
                click.echo(f"已修正 {shown(path)}（原文件保存为 {shown(backup)}）")
            elif not check_only:
                click.echo(unified_diff(shown(path), source.text, after), nl=False)
        except CheckerError as error:
            report_error(error)
            failed = True
    if not write_back and not (failed and not changed):  # after errors alone, "0 个文件需要修正" would mislead
        click.echo(f"{changed} 个文件需要修正。" + ("加 --write 写回。" if changed and not check_only else ""), err=True)
    sys.exit(EXIT_ERROR if failed else EXIT_FINDINGS if check_only and changed else EXIT_OK)


@main.command()
@click.argument("draft", type=click.Path(), metavar="草稿")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="批注后的 .docx 保存位置。")
@click.option("--config", "config_path", type=str, default=None, metavar="文件", help="配置文件路径。")
@click.option("--force", is_flag=True, help="覆盖已有的输出文件（原稿本身从不覆盖）。")
@_stdin_filename
def annotate(draft: str, output: str, config_path: str | None, force: bool, stdin_name: str | None) -> None:
    """生成带批注的 Word 稿：每个问题一条批注（状态、说明、依据、建议），原文件不变。.docx 保留原格式；
    其他格式（.txt .md .doc .wps .pdf .ofd .html）生成每行（段）一段的 Word 文档。生成后退出码为 0，不论结论。"""
    from pathlib import Path

    from checker.engine import engine_settings_of, evaluate_structure
    from checker.outputs.annotated_docx import annotate as write_annotated
    from checker.readers import read_with_bytes
    from checker.structure import parse

    _name_stdin(stdin_name, [draft])
    if Path(output).suffix.lower() != ".docx":
        fail(CheckerError("annotate-output", f"批注稿必须保存为 .docx：{output}。"))
    if Path(output).resolve() == Path(draft).resolve():
        fail(CheckerError("annotate-overwrite", f"输出文件不能与原稿相同：{output}。fazhi-check 从不修改原稿，请换一个文件名。"))
    from checker.safe_write import check_target, replacing

    check_target(output, [draft], force, "批注稿")  # hard links too: compared by inode
    config, rules = _load(config_path)
    data, document = read_with_bytes(draft)
    structure = parse(document)
    report = evaluate_structure(structure, rules, engine_settings_of(config))
    lines = [line.text for line in document.lines]
    title_line = structure.title_lines[0] if structure.title_lines else None
    with replacing(output, "wb", inputs=[draft], force=force, what="批注稿") as handle:
        count = write_annotated(document.path, data, report, lines, title_line, handle)
    from checker.outputs.common import score_text, verdict_text

    click.echo(f"已生成 {output}：{count} 条批注。结论：{verdict_text(report)}，{score_text(report)}。")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, metavar="地址", help="监听地址。默认只允许本机访问；其他地址（如 0.0.0.0）必须使用访问令牌。")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="端口；0 表示自动选择空闲端口（启动时显示）。")
@click.option("--token", default=None, metavar="令牌", help="访问令牌（非本机地址时必需；不给出则取配置 serve.token，再没有则自动生成并显示）。")
@click.option("--config", "config_path", type=str, default=None, metavar="文件", help="配置文件路径。")
@click.option("--max-upload-mb", type=click.IntRange(min=1), default=None, help="单个文件的大小上限（MB，默认 50）。")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="同时检查的进程数（默认为 CPU 核数，最多 4）。")
@click.option("--no-browser", is_flag=True, help="不自动打开浏览器。")
def serve(host, port, token, config_path, max_upload_mb, workers, no_browser) -> None:
    """启动本机网页审阅台：在浏览器中上传报告、查看评分卡、下载批注稿和 Excel 汇总。"""
    from checker.web import serve as start

    start(host, port, token, config_path, max_upload_mb, workers, not no_browser, click.echo)
