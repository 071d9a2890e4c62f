"""The code keeps the project's rules: lint (ruff), layers and doors (import-linter), a light
web process."""

import importlib
import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# The packages whose __init__ is a door to private modules.
DOORS = ("casework.evidence", "casework.drafting", "casework.decisions", "casework.publication",
         "wiring", "vocabulary", "web.api.schemas")


def test_ruff_finds_nothing():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
        cwd=REPO, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_import_contracts_are_kept():
    # The contracts (pyproject.toml, [tool.importlinter]): the layers of ARCHITECTURE.md, the
    # rooms in the order of a case's life, and private modules reached only through doors.
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=REPO, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


# What the web process must not carry: the worker, and the libraries that read files.
PARSERS = ("worker", "pypdfium2", "pdfplumber", "pdfminer", "docx", "docxtpl", "PIL",
           "extract_msg", "pytesseract", "spacy", "thinc")


def test_importing_the_web_app_loads_no_worker_or_parser_module():
    probe = (
        "import json, sys; import web; "
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {PARSERS!r})))"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True,
                            text=True, check=True)
    assert json.loads(result.stdout) == []


def test_the_worker_runs_without_flask_or_the_web_app(tmp_path):
    probe = (
        "import json, sys; from wiring import load_settings; "
        "from worker.celery_app import create_worker; "
        f"create_worker(load_settings({{'CASEWORK_DATA_DIR': {str(tmp_path)!r}}})); "
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('flask', 'web', 'flask_login', 'flask_wtf'))))"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True,
                            text=True, check=True)
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize("package", DOORS)
def test_each_door_exports_exactly_what_it_binds(package):
    """A door's __all__ names every public thing it imports, and nothing else."""
    door = importlib.import_module(package)
    bound = {name for name, value in vars(door).items()
             if not name.startswith("_") and not inspect.ismodule(value)}
    assert sorted(door.__all__) == sorted(bound)
