"""Chinese for what click itself prints (help headings, usage errors): users read no English."""

from __future__ import annotations

import re
import unicodedata

import click
from click import formatting


def _display_width(text: str) -> int:
    """Columns a text takes on a terminal: a Chinese character takes two (click counts one, so a
    Chinese value placeholder would push its help text out of line)."""
    plain = click.unstyle(text)
    return len(plain) + sum(1 for char in plain if unicodedata.east_asian_width(char) in "WF")


formatting.term_len = _display_width  # what click's help tables measure their first column with

_TYPES = {"integer": "整数", "float": "数字", "boolean": "是或否"}
_HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}
_GIVEN = re.compile(r"('[^']*'|\"[^\"]*\") is not")  # the value click quotes first
_EXTRA = re.compile(r"Got unexpected extra arguments? \((.*)\)")


_METAVARS = (("INTEGER RANGE", "整数"), ("FLOAT RANGE", "数字"), ("INTEGER", "整数"), ("FLOAT", "数字"), ("TEXT", "值"),
             ("PATH", "路径"), ("FILENAME", "文件"), ("FILE", "文件"))
_EXTRA_HELP = re.compile(r"\s*\[((?:default|required|env var|x|\d)[^\[\]]*)\]$")  # what click appends to an option's help


def _extra_in_chinese(extra: str) -> str:
    """click's "default: 1; x>=1; required" as 默认：1；≥1；必填."""
    parts = []
    for part in extra.split("; "):
        if part.startswith("default: "):
            parts.append("默认：" + part[len("default: "):])
        elif part == "required":
            parts.append("必填")
        else:  # a range: x>=1, 0<=x<=65535, x<10
            parts.append(part.replace("<=x<=", "–").replace("x>=", "≥").replace("x<=", "≤").replace("x>", ">").replace("x<", "<"))
    return "［" + "；".join(parts) + "］"


# an ASCII word (--jobs, jsonl, 2024) or a ［默认：…］ note whole; any other character alone
_TOKEN = re.compile(r"［[^］]*］|[!-~]+|\s+|.")
_NO_LINE_START = set("，。；：、！？）」』》”’…")


def wrap_chinese(text: str, width: int, **_) -> str:
    """An option's help wrapped by display width: between any two Chinese characters, never inside
    an English word or a number, no line opening with a comma or a closing bracket (click's wrapper
    breaks only at spaces, which Chinese has none of, and counts a Chinese character as one column)."""
    lines, line = [], ""
    for token in _TOKEN.findall(text.replace("\n", " ")):
        if line and _display_width(line + token) > width and token[0] not in _NO_LINE_START:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    return "\n".join([*lines, line.rstrip()])


class HelpFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "用法：" if prefix is None else prefix)

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        """Options' rows with click's English (metavars, [default: …]) in Chinese."""
        translated = []
        for term, text in rows:
            for english, chinese in _METAVARS:
                term = term.replace(f" {english}", f" {chinese}")
            extra = _EXTRA_HELP.search(text or "")
            if extra:
                text = text[:extra.start()] + "  " + _extra_in_chinese(extra.group(1))
            translated.append((term, text))
        plain, formatting.wrap_text = formatting.wrap_text, wrap_chinese
        try:
            super().write_dl(translated, col_max, col_spacing)
        finally:
            formatting.wrap_text = plain

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{_HEADINGS.get(heading, heading)}：\n")


class Context(click.Context):
    formatter_class = HelpFormatter


class ChineseHelp:
    """Mixed into commands: Chinese help headings, and the help option speaks Chinese too."""

    context_class = Context

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "显示本帮助并退出。"
        return option


def _param(error: click.UsageError) -> str:
    hint = getattr(error, "param_hint", None)
    param = getattr(error, "param", None)
    if hint is None and param is not None:
        hint = param.get_error_hint(error.ctx) if error.ctx else param.name
    if isinstance(hint, (list, tuple)):
        hint = " / ".join(hint)
    return f"参数 {hint}" if hint else "参数"


def _range(kind) -> str | None:
    """“介于 0 到 65535 之间的整数”, “不小于 1 的整数”: what a number range accepts."""
    if not isinstance(kind, (click.IntRange, click.FloatRange)):
        return None
    noun = "整数" if isinstance(kind, click.IntRange) else "数字"
    if kind.min is not None and kind.max is not None:
        return f"介于 {kind.min} 到 {kind.max} 之间的{noun}"
    if kind.min is not None:
        return f"不小于 {kind.min} 的{noun}"
    return f"不大于 {kind.max} 的{noun}" if kind.max is not None else noun


def usage_message(error: click.UsageError) -> str:
    """The usage error in Chinese (without the final 。)."""
    if isinstance(error, click.NoSuchOption):
        close = f"，是否要用 {'、'.join(sorted(error.possibilities))}" if error.possibilities else ""
        return f"没有选项 {error.option_name}{close}"
    if isinstance(error, click.MissingParameter):
        return f"缺少{_param(error)}"
    if isinstance(error, click.BadParameter):
        choices = getattr(getattr(error.param, "type", None), "choices", None)
        given = _GIVEN.match(error.message)
        kind = _range(error.param.type) or _TYPES.get(getattr(getattr(error.param, "type", None), "name", ""))
        detail = f"，可用的值：{'、'.join(map(str, choices))}" if choices else f"，应为{kind}" if kind else ""
        return f"{_param(error)}的值{given.group(1) if given else ''}不对{detail}"
    if isinstance(error, click.BadOptionUsage) and "requires an argument" in error.message:
        return f"选项 {error.option_name} 后面需要写一个值"
    extra = _EXTRA.fullmatch(error.message.rstrip("."))
    if extra:
        return f"多余的参数：{extra.group(1)}"
    return error.format_message().rstrip(".")
