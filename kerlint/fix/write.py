"""Writing a fixed file without losing anyone's edit, and without changing who owns it.

`write_atomic(path, data, expected)` replaces the file's content with `data` only if it still holds
`expected` (the bytes kerlint read and fixed). What it promises, as far as POSIX allows:

1. **Two kerlint runs never both write one file.** The file is locked (`flock`, exclusive) from the check
   to the replace. The run that waited finds a different file (the winner replaced it) or different
   content and reports "changed on disk since kerlint read it"; it writes nothing.
2. **A concurrent writer's edit is not lost.** The content is checked when the lock is taken and again
   immediately before the replace. On Linux the replace is `renameat2(RENAME_EXCHANGE)`: the fixed file and
   the original swap names in one step, and kerlint then checks that what it displaced is the very file
   it checked, still holding `expected`; if an editor saved (by rename or in place) in between, the swap
   is undone and the run reports the file as changed. Elsewhere `os.replace` is followed by the same
   check on the displaced file, whose newer content is then put back. What no POSIX call can close: a
   program holding the old file open and writing to it *after* that final check writes to a file that no
   longer has a name (ordinary editors write by rename or reopen the file, and are covered).
3. **Metadata is kept.** Permission bits, owner and group (`chown`, refused when kerlint may not set
   them, rather than silently making the file yours), and extended attributes (POSIX ACLs, SELinux labels)
   are copied to the new file; a symbolic link is followed and stays a link.
4. **Files kerlint will not replace** are refused with a message, never rewritten:
   - a read-only file (no owner write bit, e.g. `chmod 444`): replacing it needs only a writable folder,
     so it would succeed, but read-only says "do not change this";
   - a file with several hard links: a replace gives this name a new file and leaves the other names
     with the old code, and writing in place instead would give up the all-or-nothing write (a reader or a
     crash could meet half a file). kerlint refuses; `--diff` shows the change to make by hand.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import time

LOCK_WAIT = 30.0  # seconds to wait for another kerlint run to finish writing the same file


class FileChangedError(Exception):
    """The file on disk is no longer the one kerlint read: writing would lose someone's edit."""


class WriteRefused(Exception):
    """kerlint will not replace this file (read-only, hard links, an owner it cannot keep)."""


def _changed(path: str) -> FileChangedError:
    return FileChangedError(f"{path} changed on disk since kerlint read it; not overwritten "
                            f"(run kerlint again to fix the new version)")


def _lock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks; the checks below still run
        return
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.01)
        except OSError as exc:  # a file system without locks (some network mounts): go on unlocked
            if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL):
                return
            raise


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _open_locked(real: str, path: str) -> int:
    """An fd of the file now at `real`, locked. If another process replaced the file while this one
    waited for the lock, the lock is on a file that no longer has the name: open the new one."""
    for _ in range(100):
        fd = os.open(real, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        try:
            _lock(fd)
            if _same_file(os.fstat(fd), os.stat(real)):
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    raise _changed(path)  # pragma: no cover - replaced a hundred times while we waited


def _read_all(fd: int) -> bytes:
    """The whole content of the open file, from its start (lseek + read: os.pread is not on Windows)."""
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _refuse(path: str, st: os.stat_result) -> None:
    if not st.st_mode & stat.S_IWUSR:
        raise WriteRefused(f"{path}: not fixed: the file is read-only (mode {stat.S_IMODE(st.st_mode):o}); "
                           "make it writable to let kerlint fix it")
    if st.st_nlink > 1:
        raise WriteRefused(f"{path}: not fixed: the file has {st.st_nlink} hard links, and replacing it would "
                           "leave the other names with the old code; apply the change by hand (--diff shows "
                           "it) or break the link")


def _copy_metadata(real: str, tmp: str, st: os.stat_result, path: str) -> None:
    os.chmod(tmp, stat.S_IMODE(st.st_mode))
    tmp_st = os.stat(tmp)
    if (tmp_st.st_uid, tmp_st.st_gid) != (st.st_uid, st.st_gid):
        try:
            os.chown(tmp, st.st_uid, st.st_gid)
        except PermissionError:
            raise WriteRefused(f"{path}: not fixed: it belongs to another user or group ({st.st_uid}:{st.st_gid}) "
                               "that kerlint may not give the new file; run kerlint as its owner") from None
        os.chmod(tmp, stat.S_IMODE(st.st_mode))  # chown clears set-user/group-id bits
    if hasattr(os, "listxattr"):
        try:
            names = os.listxattr(real)
        except OSError:
            names = []
        for name in names:
            try:
                os.setxattr(tmp, name, os.getxattr(real, name))
            except OSError:
                pass  # best effort: an attribute this user may not set (security.*) stays behind


def _exchange(a: str, b: str) -> bool:
    """Swap the names `a` and `b` in one step (Linux renameat2 RENAME_EXCHANGE). False when the system or
    the file system cannot, so the caller falls back to os.replace."""
    try:
        import ctypes

        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (ImportError, OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), b)


def _write_temp(folder: str, name: str, data: bytes) -> str:
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def write_atomic(path: str, data: bytes, expected: bytes) -> None:
    """Replace the file's content with `data` if it still holds `expected`; else FileChangedError (nothing
    written). WriteRefused for files kerlint does not replace. See the module docstring for the guarantees."""
    real = os.path.realpath(path)
    folder, name = os.path.dirname(real), os.path.basename(real)
    fd = _open_locked(real, path)
    try:
        st = os.fstat(fd)
        if _read_all(fd) != expected:
            raise _changed(path)
        _refuse(path, st)
        tmp = _write_temp(folder, name, data)
        try:
            _copy_metadata(real, tmp, st, path)
            # The last check, immediately before the replace.
            if not _same_file(os.stat(real), st) or _read_all(fd) != expected:
                raise _changed(path)
            if _exchange(tmp, real):
                # `tmp` now names what was displaced: it must be the file checked, unchanged.
                if not _same_file(os.lstat(tmp), st) or _read_all(fd) != expected:
                    _exchange(tmp, real)  # put the other writer's version back
                    raise _changed(path)
            else:
                os.replace(tmp, real)
                late = _read_all(fd)
                if late != expected:  # written in place between the last check and the replace
                    restore = _write_temp(folder, name, late)
                    _copy_metadata(real, restore, st, path)
                    os.replace(restore, real)
                    raise _changed(path)
        finally:
            if os.path.lexists(tmp):
                os.unlink(tmp)
    finally:
        os.close(fd)  # releases the lock
