"""--fix against concurrent writers and file metadata (issue 14 item 8), by fault injection.

Each test makes the fault happen at the moment it hurts: an append when the temporary file appears, an
editor's save between the last check and the replace, two writers at once. Ownership tests need root
(the suite runs as root; elsewhere they are skipped).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time

import pytest

from kerlint.fix import write
from kerlint.fix.write import FileChangedError, WriteRefused, write_atomic

OLD, NEW = b"model.fit(x, y, lr=0.1)\n", b"model.fit(x, y, learning_rate=0.1)\n"
APPENDED = b"# the user's edit\n"


@pytest.fixture
def target(tmp_path):
    path = tmp_path / "model.py"
    path.write_bytes(OLD)
    return path


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_an_append_made_when_the_temporary_file_appears_is_not_lost(target, monkeypatch):
    real_mkstemp = write.tempfile.mkstemp

    def mkstemp_then_user_appends(*args, **kwargs):
        result = real_mkstemp(*args, **kwargs)
        with open(target, "ab") as fh:
            fh.write(APPENDED)
        return result

    monkeypatch.setattr(write.tempfile, "mkstemp", mkstemp_then_user_appends)
    with pytest.raises(FileChangedError):
        write_atomic(str(target), NEW, expected=OLD)
    assert target.read_bytes() == OLD + APPENDED
    assert leftovers(target.parent) == []


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2-exchange", "os.replace"])
def test_an_in_place_write_just_before_the_replace_is_kept(target, monkeypatch, exchange):
    """The window between the last check and the rename: the swap is undone (or the newer content put back)."""
    real_exchange = write._exchange

    def user_appends_then_rename(a, b):
        with open(target, "ab") as fh:
            fh.write(APPENDED)
        return real_exchange(a, b) if exchange else False

    monkeypatch.setattr(write, "_exchange", user_appends_then_rename)  # after the last check
    with pytest.raises(FileChangedError):
        write_atomic(str(target), NEW, expected=OLD)
    assert target.read_bytes() == OLD + APPENDED
    assert leftovers(target.parent) == []


def test_an_editor_save_by_rename_just_before_the_swap_is_kept(target, monkeypatch):
    probe = target.parent / "probe"
    probe.write_bytes(b"")
    if not write._exchange(str(probe), str(target)) or not write._exchange(str(probe), str(target)):
        pytest.skip("renameat2(RENAME_EXCHANGE) is not available here")
    probe.unlink()
    real_exchange = write._exchange
    saved = b"# saved by the editor\n" + OLD

    def editor_saves_then_swap(a, b):
        other = target.parent / "editor.tmp"
        other.write_bytes(saved)
        os.replace(other, target)
        return real_exchange(a, b)

    monkeypatch.setattr(write, "_exchange", editor_saves_then_swap)
    with pytest.raises(FileChangedError):
        write_atomic(str(target), NEW, expected=OLD)
    assert target.read_bytes() == saved
    assert leftovers(target.parent) == []


def test_two_writers_at_once_exactly_one_wins_and_the_other_is_told(target, monkeypatch):
    real_write_temp = write._write_temp

    def slow_write_temp(*args):  # both writers would have passed their check before either replaces
        time.sleep(0.3)
        return real_write_temp(*args)

    monkeypatch.setattr(write, "_write_temp", slow_write_temp)
    outcomes = []
    barrier = threading.Barrier(2)

    def writer(data):
        barrier.wait()
        try:
            write_atomic(str(target), data, expected=OLD)
            outcomes.append(("wrote", data))
        except FileChangedError:
            outcomes.append(("refused", data))

    threads = [threading.Thread(target=writer, args=(data,)) for data in (NEW, NEW.replace(b"0.1", b"0.2"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(kind for kind, _ in outcomes) == ["refused", "wrote"]
    (winner,) = [data for kind, data in outcomes if kind == "wrote"]
    assert target.read_bytes() == winner


def test_two_fix_runs_on_the_same_tree_write_each_file_once(tmp_path):
    files = []
    for i in range(40):
        path = tmp_path / f"m{i}.py"
        path.write_text(f"from tensorflow import keras\nopt = keras.optimizers.Adam(lr=0.00{i + 1})\n")
        files.append(path)
    cmd = [sys.executable, "-m", "kerlint", "check", "--fix", "--no-cache", "--exit-zero", str(tmp_path)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=120) for p in procs]
    written = 0  # files written, summed over both runs ("Fixed 40 findings in 40 files ...")
    for out, err in outputs:
        assert "Traceback" not in err
        written += sum(int(line.split(" in ")[1].split()[0]) for line in err.splitlines() if line.startswith("Fixed "))
    # Every file ends up fixed, so each was written at least once; a total of 40 means none twice.
    assert written == 40, outputs
    for path in files:
        assert "learning_rate=" in path.read_text() and "lr=" not in path.read_text()


def test_permission_bits_and_extended_attributes_are_kept(target):
    os.chmod(target, 0o640)
    try:
        os.setxattr(target, "user.kerlint-test", b"kept")
    except OSError:
        xattr = False
    else:
        xattr = True
    write_atomic(str(target), NEW, expected=OLD)
    assert target.read_bytes() == NEW
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640
    if xattr:
        assert os.getxattr(target, "user.kerlint-test") == b"kept"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown to another user needs root")
def test_a_file_owned_by_another_user_keeps_its_owner(target):
    os.chown(target, 65534, 65534)
    write_atomic(str(target), NEW, expected=OLD)
    st = os.stat(target)
    assert target.read_bytes() == NEW and (st.st_uid, st.st_gid) == (65534, 65534)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown to another user needs root")
def test_an_owner_kerlint_cannot_keep_is_refused(target, monkeypatch):
    os.chown(target, 65534, 65534)

    def chown(path, uid, gid):  # what an ordinary user meets
        raise PermissionError(1, "Operation not permitted", path)

    monkeypatch.setattr(write.os, "chown", chown)
    with pytest.raises(WriteRefused, match="belongs to another user"):
        write_atomic(str(target), NEW, expected=OLD)
    assert target.read_bytes() == OLD
    assert leftovers(target.parent) == []


def test_a_read_only_file_is_refused_not_rewritten(target):
    os.chmod(target, 0o444)
    with pytest.raises(WriteRefused, match="read-only"):
        write_atomic(str(target), NEW, expected=OLD)
    assert target.read_bytes() == OLD and stat.S_IMODE(os.stat(target).st_mode) == 0o444


def test_a_hard_linked_file_is_refused_and_the_link_kept(target):
    other = target.parent / "other_name.py"
    os.link(target, other)
    with pytest.raises(WriteRefused, match="hard links"):
        write_atomic(str(target), NEW, expected=OLD)
    assert target.read_bytes() == OLD and os.stat(target).st_nlink == 2
    assert os.path.samefile(target, other)


def test_the_cli_reports_a_refused_file_and_does_not_count_it_fixed(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from kerlint.cli import main

    path = tmp_path / "model.py"
    path.write_text("from tensorflow import keras\nopt = keras.optimizers.Adam(lr=0.01)\n")
    os.chmod(path, 0o444)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--fix", "--no-cache", "model.py"], catch_exceptions=False)
    assert "read-only" in result.output and "Fixed" not in result.output
    assert "lr=0.01" in path.read_text()
