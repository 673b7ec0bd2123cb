#!/usr/bin/env python3
"""Build the offline bundle: fazhi-check and every dependency as wheels, for each target
platform, plus install.sh / install.bat that install from it with `pip --no-index`.

    python packaging/build-wheelhouse.py                      # linux-x86_64 and win-amd64
    python packaging/build-wheelhouse.py --target current     # only this machine's platform
    python packaging/build-wheelhouse.py --target win-amd64 --python-version 3.12 --zip

Needs Python 3.11+ with pip and access to a package index (PyPI or a mirror, as pip is set up).
Packages published only as source (jieba) are built here into pure-Python wheels; a package
that has neither a wheel for a target nor pure-Python source stops the build with its name.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
GLIBC_FLOOR = 28  # manylinux_2_28: Kylin V10, UOS 20, RHEL/CentOS 8 and later


def _manylinux(arch: str, floor: int) -> list[str]:
    legacy = {"x86_64": ["manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64"],
              "aarch64": ["manylinux2014_aarch64"]}[arch]
    return [f"manylinux_2_{minor}_{arch}" for minor in range(floor, 4, -1)] + legacy


TARGETS = {
    "linux-x86_64": lambda floor: _manylinux("x86_64", floor),
    "linux-aarch64": lambda floor: _manylinux("aarch64", floor),
    "win-amd64": lambda floor: ["win_amd64"],
}


def current_target() -> str:
    return sysconfig.get_platform()  # linux-x86_64, linux-aarch64, win-amd64


def pip(*args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "pip", *args]
    print("+", " ".join(command), flush=True)
    return subprocess.run(command, capture_output=True, text=True)


def _fail(text: str) -> None:
    print(f"错误：{text}", file=sys.stderr)
    sys.exit(2)


def build_project(work: Path) -> Path:
    done = pip("wheel", "--no-deps", str(ROOT), "-w", str(work))
    if done.returncode != 0:
        _fail(f"无法构建 fazhi-check 的 wheel：\n{done.stdout}{done.stderr}")
    return next(work.glob("fazhi_check-*.whl"))


_NOT_FOUND = re.compile(r"No matching distribution found for (\S+)")


def download(wheel: Path, target: str, out: Path, pure: Path, python_version: str, floor: int) -> None:
    """Every wheel the project needs on `target`; packages with source only are built into `pure`."""
    args = ["download", "--only-binary=:all:", "-d", str(out), "--find-links", str(pure)]
    if target != "current":
        version = python_version.replace(".", "")
        args += ["--python-version", python_version, "--implementation", "cp",
                 "--abi", f"cp{version}", "--abi", "abi3", "--abi", "none"]
        for platform in TARGETS[target](floor):
            args += ["--platform", platform]
    built: set[str] = set()
    while True:
        done = pip(*args, str(wheel))
        if done.returncode == 0:
            return
        missing = _NOT_FOUND.search(done.stdout + done.stderr)
        if not missing or missing.group(1) in built:
            _fail(f"无法为 {target} 下载依赖：\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
        requirement = missing.group(1)
        built.add(requirement)
        made = pip("wheel", "--no-deps", "--no-binary=:all:", requirement, "-w", str(pure))
        names = [p.name for p in pure.glob("*.whl")]
        if made.returncode != 0 or not all(n.endswith("-none-any.whl") for n in names):
            _fail(f"{requirement} 在 {target} 上没有 wheel，也无法构建为纯 Python 的 wheel：\n{made.stderr[-3000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", action="append", choices=[*TARGETS, "current"],
                        help="target platform (repeatable; default: linux-x86_64 and win-amd64)")
    parser.add_argument("--python-version", default="3.11", help="Python version on the target machines (default 3.11)")
    parser.add_argument("--glibc", default=f"2.{GLIBC_FLOOR}", help=f"oldest glibc on the Linux targets (default 2.{GLIBC_FLOOR})")
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "fazhi-check-offline", help="bundle folder")
    parser.add_argument("--zip", action="store_true", help="also write the bundle as a .zip next to the folder")
    options = parser.parse_args()
    targets = options.target or ["linux-x86_64", "win-amd64"]
    floor = int(options.glibc.split(".")[1])
    out: Path = options.out
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        wheel = build_project(work / "project")
        pure = work / "pure"
        pure.mkdir()
        for target in targets:
            folder = out / (current_target() if target == "current" else target)
            download(wheel, target, folder, pure, options.python_version, floor)
            shutil.copy(wheel, folder)  # the project's own wheel, in case pip took it from the cache
    for name in ("install.sh", "install.bat", "README.txt"):
        shutil.copy(HERE / name, out / name)
    (out / "install.sh").chmod(0o755)
    print(f"离线安装包：{out}（{', '.join(sorted(p.name for p in out.iterdir() if p.is_dir()))}）")
    if options.zip:
        archive = shutil.make_archive(str(out), "zip", out.parent, out.name)
        print(f"压缩包：{archive}")


if __name__ == "__main__":
    main()
