"""The offline bundle: built for this platform, installed into a fresh venv with pip --no-index
and nothing else (no pip configuration, no index), then used on a seed."""

import os
import subprocess
import sys
from pathlib import Path

from docmaker import seed_path
from helpers import ROOT


def offline_env(**extra):
    """No pip configuration at all: no index, no extra find-links; only what the bundle holds."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    return {**env, "PIP_CONFIG_FILE": os.devnull, **extra}


def test_bundle_installs_with_no_index_and_checks_a_seed(tmp_path):
    bundle = tmp_path / "bundle"
    built = subprocess.run([sys.executable, str(ROOT / "packaging" / "build-wheelhouse.py"), "--target", "current",
                            "--out", str(bundle)], capture_output=True, text=True, timeout=1800)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    import sysconfig

    folder = bundle / sysconfig.get_platform()
    wheels = sorted(p.name for p in folder.glob("*.whl"))
    assert any(name.startswith("fazhi_check-") for name in wheels)
    assert any(name.startswith("jieba-") and name.endswith("-none-any.whl") for name in wheels)  # built from its sdist
    assert sorted(p.name for p in bundle.iterdir()) == ["README.txt", "install.bat", "install.sh", sysconfig.get_platform()]

    target = tmp_path / "installed"
    installed = subprocess.run(["sh", str(bundle / "install.sh"), str(target)], capture_output=True, text=True,
                               timeout=1800, env=offline_env(PYTHON=sys.executable))
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-3000:]
    assert f"已安装 fazhi-check：{target}/bin/fazhi-check" in installed.stdout

    elsewhere = tmp_path / "work"
    elsewhere.mkdir()
    env = {k: v for k, v in offline_env().items() if k != "PYTHONPATH"}
    checked = subprocess.run([str(target / "bin" / "fazhi-check"), "check", "--format", "compact", str(seed_path("002"))],
                             cwd=elsewhere, capture_output=True, text=True, timeout=300, env=env)
    assert checked.returncode == 1, checked.stderr
    assert f"{seed_path('002')}:37: [必须修改｜缺失] content.causes" in checked.stdout
    # the installed package is the bundle's, not the checkout's
    where = subprocess.run([str(target / "bin" / "python"), "-c", "import checker; print(checker.__file__)"],
                           cwd=elsewhere, capture_output=True, text=True, env=env)
    assert Path(where.stdout.strip()).is_relative_to(target)


def test_install_scripts_use_only_the_bundle():
    shell = (ROOT / "packaging" / "install.sh").read_text(encoding="utf-8")
    batch = (ROOT / "packaging" / "install.bat").read_text(encoding="utf-8")
    assert 'pip install --no-index --find-links "$wheels" fazhi-check' in shell
    assert 'pip install --no-index --find-links "%HERE%win-amd64" fazhi-check' in batch
    done = subprocess.run(["sh", "-n", str(ROOT / "packaging" / "install.sh")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
