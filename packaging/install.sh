#!/bin/sh
# 离线安装 fazhi-check：./install.sh [安装目录]（默认 ~/fazhi-check）。不需要联网。
# 需要 Python 3.11 或更高版本；用 PYTHON=/path/to/python3.11 ./install.sh 指定解释器。
set -e
here=$(cd "$(dirname "$0")" && pwd)
target=${1:-"$HOME/fazhi-check"}
python=${PYTHON:-python3}
case "$(uname -m)" in
  x86_64|amd64) wheels="$here/linux-x86_64" ;;
  aarch64|arm64) wheels="$here/linux-aarch64" ;;
  *) wheels="" ;;
esac
if [ -z "$wheels" ] || [ ! -d "$wheels" ]; then
  echo "错误：离线安装包中没有适用于本机（$(uname -s) $(uname -m)）的文件。请用 packaging/build-wheelhouse.py --target 为本机平台重新生成。" >&2
  exit 2
fi
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "错误：需要 Python 3.11 或更高版本，当前 $python 不可用或版本过低。请安装 Python 3.11 后用 PYTHON=python3.11 ./install.sh 重试。" >&2
  exit 2
fi
"$python" -m venv "$target"
"$target/bin/python" -m pip install --no-index --find-links "$wheels" fazhi-check
echo "已安装 fazhi-check：$target/bin/fazhi-check"
echo "试运行：$target/bin/fazhi-check --version"
