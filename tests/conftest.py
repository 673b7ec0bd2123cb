import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

os.environ.pop("NO_COLOR", None)


@pytest.fixture(scope="session", autouse=True)
def _cache_folder(tmp_path_factory):
    """The parsed-YAML cache (checker/yamlfile.py) of a test run lives in a folder of its own,
    for the commands the tests start too: never in the user's cache, never left over from a
    previous run."""
    os.environ["FAZHI_CHECK_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def pack():
    """The built-in rules and the settings a check of the seeds uses (read-only in every test)."""
    from docmaker import seed_path

    from checker.config import load_config
    from checker.engine import engine_settings_of
    from checker.loader import load_rules

    return load_rules(), engine_settings_of(load_config(cwd=seed_path("000").parent))


@pytest.fixture(scope="session")
def made(tmp_path_factory):
    """Converted copies of the seeds, built once per test session."""
    from docmaker import convert

    folder = tmp_path_factory.mktemp("made")
    return lambda prefix, kind: convert(prefix, kind, folder)
