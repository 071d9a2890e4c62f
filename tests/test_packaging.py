"""A wheel built from the tree is the whole service: installed on its own, `casework` works."""

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _tree_files() -> list[str]:
    """The files of the working tree that git keeps or would keep (not .venv, var, caches)."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO,
                            capture_output=True, check=True).stdout.decode()
    return [name for name in listed.split("\0") if name and (REPO / name).is_file()]


def test_a_wheel_from_the_tree_installs_and_runs_the_demo(tmp_path):
    # Build from a copy, so the build leaves nothing in the working tree.
    source = tmp_path / "source"
    for name in _tree_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, source / name)
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir",
                    str(wheels), str(source)], check=True, capture_output=True)
    (wheel,) = wheels.glob("casework-*.whl")

    # A fresh environment holding the wheel alone; the dependencies (not ours to test) come
    # from this environment's site-packages, after the wheel's own files.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                    "--no-deps", "--no-index", str(wheel)], check=True, capture_output=True)
    fresh_site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True).stdout.strip()
    (Path(fresh_site) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    env = {key: value for key, value in os.environ.items() if not key.startswith("CASEWORK_")}
    env["CASEWORK_DATA_DIR"] = str(tmp_path / "var")
    outside = tmp_path / "elsewhere"
    outside.mkdir()

    def casework(*args: str) -> str:
        result = subprocess.run([str(venv / "bin" / "casework"), *args], cwd=outside, env=env,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    # Migrations, the remedy scale, the sample files and the queue all come from the wheel.
    assert "demo case CW-" in casework("demo")
    # The letter templates too.
    assert "every placeholder filled" in casework("templates", "check")
    # And the seed corpus the classifier learns from on first use; all of it the wheel's own.
    probe = ("import casework, web; from worker.nlp import load_seed_corpus; "
             "print(casework.__file__); print(len(load_seed_corpus()))")
    where, seeds = subprocess.run([str(python), "-c", probe], cwd=outside, env=env, check=True,
                                  capture_output=True, text=True).stdout.split()
    assert where.startswith(fresh_site) and int(seeds) > 100
