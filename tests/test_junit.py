"""`--format junit`, validated with lxml against Jenkins' junit-10.xsd (the xunit-plugin schema,
as the pytest sdist on PyPI ships it for pytest's own JUnit tests)."""

import subprocess
import sys
import tarfile

import pytest
from docmaker import seed_path
from helpers import run_cli

PYTEST_SDIST = "pytest==8.3.5"


@pytest.fixture(scope="module")
def junit_xsd(tmp_path_factory):
    from lxml import etree

    folder = tmp_path_factory.mktemp("xsd")
    done = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary=:all:", PYTEST_SDIST,
                           "-d", str(folder)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    with tarfile.open(next(folder.glob("pytest-*.tar.gz"))) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("testing/example_scripts/junit-10.xsd"))
        return etree.XMLSchema(etree.parse(archive.extractfile(member)))


def junit(*args):
    from lxml import etree

    result = run_cli("check", "--format", "junit", *args)
    return result, etree.fromstring(result.stdout)


def test_valid_against_jenkins_xsd(junit_xsd):
    for args in (["seeds/"], ["--fail-on", "warning", "seeds/"], ["--fail-on", "never", "seeds/", "no-such.txt"]):
        _, root = junit(*args)
        assert junit_xsd.validate(root), junit_xsd.error_log
