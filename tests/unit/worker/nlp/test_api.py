"""The language layer's public face: what worker.nlp exports, and that importing it is cheap."""

import dataclasses
import subprocess
import sys
from pathlib import Path

import worker.nlp
from worker.nlp import DatedEvent, Entity


def test_exports_are_complete_and_exist():
    public = {name for name in dir(worker.nlp) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(worker.nlp, name)).__name__ == "module"}
    assert set(worker.nlp.__all__) == public - modules


def test_results_are_frozen_dataclasses_with_the_agreed_fields():
    assert [f.name for f in dataclasses.fields(Entity)] == [
        "label", "text", "page", "start", "end", "value",
    ]
    assert [f.name for f in dataclasses.fields(DatedEvent)] == ["date", "text", "page"]
    assert Entity.__dataclass_params__.frozen and DatedEvent.__dataclass_params__.frozen


def test_importing_the_package_leaves_spacy_unloaded():
    # The web server imports these types; spaCy's second-long import waits for real work.
    probe = "import sys, worker.nlp; print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True, cwd=Path(__file__).resolve().parents[4])
    assert result.stdout.strip() == "False"
