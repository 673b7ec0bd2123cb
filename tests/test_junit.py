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


def test_one_case_per_rule_failures_at_the_threshold_time_and_file(junit_xsd):
    _, root = junit("--fail-on", "warning", "seeds/")
    assert junit_xsd.validate(root), junit_xsd.error_log
    suites = root.findall("testsuite")
    assert [s.get("file") for s in suites] == [s.get("name") for s in suites] == [f"seeds/{p.name}" for p in sorted(seed_path("000").parent.glob("*.txt"))]
    for suite in suites:
        cases = suite.findall("testcase")
        assert len({c.get("name").split(" ")[0] for c in cases}) == len(cases) == int(suite.get("tests"))
        assert all(float(c.get("time")) >= 0 for c in cases) and float(suite.get("time")) >= sum(float(c.get("time")) for c in cases) - 0.01
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))
    assert root.get("skipped") is None
    assert int(root.get("failures")) == sum(int(s.get("failures")) for s in suites)


def test_failures_follow_fail_on(junit_xsd):
    def failing(*args):
        _, root = junit(*args, str(seed_path("002")))
        assert junit_xsd.validate(root), junit_xsd.error_log
        return sorted(c.get("name").split(" ")[0] for c in root.iter("testcase") if c.find("failure") is not None)

    must, should = failing("--fail-on", "error"), failing("--fail-on", "warning")
    assert must and set(must) < set(should)
    assert failing("--fail-on", "never") == []
    _, root = junit("--fail-on", "error", str(seed_path("002")))
    below = [c for c in root.iter("testcase") if c.get("name").split(" ")[0] in set(should) - set(must)]
    assert below and all(c.find("system-out").text.startswith("[建议修改｜") for c in below)  # shown, not failed
