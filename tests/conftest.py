import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

os.environ.pop("NO_COLOR", None)


@pytest.fixture(scope="session")
def made(tmp_path_factory):
    """Converted copies of the seeds, built once per test session."""
    from docmaker import convert

    folder = tmp_path_factory.mktemp("made")
    return lambda prefix, kind: convert(prefix, kind, folder)
