@echo off
rem 离线安装 fazhi-check：install.bat [安装目录]（默认 %USERPROFILE%\fazhi-check）。不需要联网。
rem 需要 Python 3.11 或更高版本；用 set PYTHON=C:\Python311\python.exe 指定解释器。
chcp 65001 >nul
setlocal
set "HERE=%~dp0"
set "TARGET=%~1"
if "%TARGET%"=="" set "TARGET=%USERPROFILE%\fazhi-check"
if "%PYTHON%"=="" set "PYTHON=python"
if not exist "%HERE%win-amd64\" (
  echo 错误：离线安装包中没有 Windows 版的文件（win-amd64 文件夹）。请用 packaging\build-wheelhouse.py --target win-amd64 重新生成。
  exit /b 2
)
"%PYTHON%" -c "import sys; sys.exit(sys.version_info < (3, 11))" 2>nul
if errorlevel 1 (
  echo 错误：需要 Python 3.11 或更高版本，当前 %PYTHON% 不可用或版本过低。请安装 Python 3.11 后重试。
  exit /b 2
)
"%PYTHON%" -m venv "%TARGET%" || exit /b 2
"%TARGET%\Scripts\python.exe" -m pip install --no-index --find-links "%HERE%win-amd64" fazhi-check || exit /b 2
echo 已安装 fazhi-check：%TARGET%\Scripts\fazhi-check.exe
echo 试运行：%TARGET%\Scripts\fazhi-check.exe --version
endlocal
