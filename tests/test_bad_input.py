"""Bad input gets a clear message and the run goes on (issue 2 acceptance)."""

import json
import subprocess
import sys
from pathlib import Path

from kerlint.config import Settings
from kerlint.parallel import lint_paths

BUGGY = """from tensorflow import keras
model = keras.Sequential([
    keras.layers.Dense(64, activation="sigmoid", input_shape=(10,)),
    keras.layers.Dense(64, activation="sigmoid"),
    keras.layers.Dense(1),
])
"""


def make_tree(root: Path) -> None:
    (root / "good.py").write_text(BUGGY)
    (root / "broken.py").write_text("model = Sequential([\n    Dense(10,\n")
    (root / "empty.py").write_text("")
    (root / "binary.py").write_bytes(b"\x7fELF\x00\x01\x02" * 50)
    (root / "latin1.py").write_bytes("x = 'caf\xe9'\n".encode("latin-1"))
    (root / "declared_latin1.py").write_bytes(b"# -*- coding: latin-1 -*-\nx = 'caf\xe9'\n" + BUGGY.encode())
    sub = root / ".venv" / "lib"
    sub.mkdir(parents=True)
    (sub / "skipped.py").write_text(BUGGY)


def test_bad_files_are_reported_and_the_rest_is_linted(tmp_path):
    make_tree(tmp_path)
    result = lint_paths([str(tmp_path)], Settings())
    by_file = {}
    for v in result.violations:
        by_file.setdefault(Path(v.filename).name, []).append(v)
    assert [v.code for v in by_file["good.py"]] == ["KL101"]
    assert [v.code for v in by_file["declared_latin1.py"]] == ["KL101"]  # PEP 263 declaration honoured
    broken = by_file["broken.py"]
    assert [v.code for v in broken] == ["KL000"] and broken[0].location.row >= 2
    assert by_file["binary.py"][0].code == "KL000" and "binary" in by_file["binary.py"][0].message
    assert by_file["latin1.py"][0].code == "KL000" and "decode" in by_file["latin1.py"][0].message
    assert "empty.py" not in by_file
    assert "skipped.py" not in by_file  # .venv is excluded by default
    assert result.files == 6


def test_cli_on_bad_tree_exits_1_and_reports_json(tmp_path):
    make_tree(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "kerlint", "check", "--output-format", "json", str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    found = json.loads(proc.stdout)
    assert {item["code"] for item in found} == {"KL000", "KL101"}


def test_check_never_imports_tensorflow():
    code = "import sys, kerlint.cli, kerlint.engine; print(sorted(m for m in sys.modules if m.split('.')[0] in ('tensorflow', 'keras', 'tf_keras')))"
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert proc.stdout.strip() == "[]"
    imported = [line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if "|" in line]
    assert not [name for name in imported if name.split(".")[0] in ("tensorflow", "keras", "tf_keras")]
