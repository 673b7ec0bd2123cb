"""The command line: thin wrappers that read, evaluate and hand results to an output module."""

from __future__ import annotations

import os
import sys
import traceback

import click

from checker import __version__
from checker.errors import CheckerError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _console(stderr: bool = False):
    from rich.console import Console

    plain = "NO_COLOR" in os.environ
    return Console(stderr=stderr, no_color=plain, highlight=False, soft_wrap=False,
                   force_terminal=None if not plain else False)


def report_error(error: CheckerError) -> None:
    """One clear error line on stderr; the traceback too with --debug."""
    if _debug():
        traceback.print_exc()
    click.echo(f"错误：{error.message}", err=True)


def fail(error: CheckerError) -> None:
    report_error(error)
    sys.exit(EXIT_ERROR)


def _debug() -> bool:
    context = click.get_current_context(silent=True)
    root = context.find_root() if context else None
    return bool(root and root.params.get("debug"))


class Group(click.Group):
    """Turns every CheckerError into a clean exit 2, and any other crash into one line too."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except CheckerError as error:
            fail(error)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except Exception as error:  # a bug: still one line, and the traceback with --debug
            if ctx.params.get("debug"):
                traceback.print_exc()
            click.echo(f"错误：内部错误（{type(error).__name__}: {error}）。请加 --debug 重新运行并报告此问题。", err=True)
            sys.exit(EXIT_ERROR)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="fazhi-check")
@click.option("--debug", is_flag=True, help="出错时显示完整的 Python 调用栈（供开发者排查）。")
def main(debug: bool) -> None:
    """fazhi-check：法治政府建设年度报告合规检查工具。"""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["tree", "json"]), default="tree", show_default=True,
              help="输出格式。")
def outline(paths: tuple[str, ...], fmt: str) -> None:
    """显示报告的解析结构：标题、发文机关、年度、主送机关、成文日期、标题层级和网页框架内容。"""
    from checker.inputs import expand
    from checker.outputs import outline as render
    from checker.readers import read
    from checker.structure import outline as to_outline, parse

    items, failed = [], False
    console = _console()
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
        fail(CheckerError("no-reports", f"没有找到可检查的报告：{' '.join(paths)}。支持 .txt .md .docx .html .pdf。"))
    sys.exit(EXIT_ERROR if failed else EXIT_OK)
