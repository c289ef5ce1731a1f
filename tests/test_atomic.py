"""Writing a file either replaces it whole or leaves it untouched (loaders/atomic.py)."""

from __future__ import annotations

import errno
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # also works with a bare `pytest` run
    sys.path.insert(0, str(ROOT))

from loaders import atomic  # noqa: E402
from loaders.atomic import write_text_atomically  # noqa: E402

ORIGINAL = "Bắc Giang: the original content\n".encode("utf-8") * 100
NEW_TEXT = "Bắc Ninh: the new content\n" * 5000  # several buffers' worth
REAL_FDOPEN = os.fdopen


@pytest.fixture
def target(tmp_path) -> Path:
    path = tmp_path / "out" / "data.json"
    path.parent.mkdir()
    path.write_bytes(ORIGINAL)
    return path


def assert_untouched(path: Path) -> None:
    assert path.read_bytes() == ORIGINAL
    assert [p.name for p in path.parent.iterdir()] == [path.name], "temporary file left behind"


def test_replaces_the_content(target):
    write_text_atomically(target, NEW_TEXT)
    assert target.read_text(encoding="utf-8") == NEW_TEXT
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_creates_missing_folders(tmp_path):
    path = tmp_path / "a" / "b" / "new.txt"
    write_text_atomically(path, "x\n")
    assert path.read_bytes() == b"x\n"


class _HalfWrite:
    """A text stream that writes half of what it is given, then fails like a full disk."""

    def __init__(self, stream):
        self._stream = stream

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._stream.close()

    def __getattr__(self, name):
        return getattr(self._stream, name)

    def write(self, text: str) -> int:
        self._stream.write(text[: len(text) // 2])
        self._stream.flush()
        raise OSError(errno.ENOSPC, "No space left on device")


def _raise(error: BaseException):
    def fail(*args, **kwargs):
        raise error
    return fail


@pytest.mark.parametrize(
    ("name", "replacement"),
    [
        pytest.param(
            "fdopen", lambda *a, **k: _HalfWrite(REAL_FDOPEN(*a, **k)), id="disk-full-mid-write"
        ),
        pytest.param("fsync", _raise(OSError(errno.EIO, "I/O error")), id="fsync-fails"),
        pytest.param("replace", _raise(OSError(errno.EXDEV, "cross-device")), id="rename-fails"),
        pytest.param("fsync", _raise(KeyboardInterrupt()), id="interrupted"),
    ],
)
def test_interrupted_write_leaves_the_original(target, monkeypatch, name, replacement):
    monkeypatch.setattr(atomic.os, name, replacement)
    with pytest.raises((OSError, KeyboardInterrupt)):
        write_text_atomically(target, NEW_TEXT)
    monkeypatch.undo()
    assert_untouched(target)


def _limit_file_size() -> None:
    # Any write past 1 KiB fails with EFBIG (ignoring SIGXFSZ, which would kill the process).
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))


def run_schema(output: Path, preexec_fn=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "loaders", "schema", "--output", str(output)],
        cwd=ROOT, capture_output=True, text=True, timeout=60, preexec_fn=preexec_fn,
    )


def test_schema_command_replaces_the_output(target):
    result = run_schema(target)
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8").lstrip().startswith("{")


def test_schema_command_that_cannot_write_leaves_the_output(target):
    result = run_schema(target, preexec_fn=_limit_file_size)
    assert result.returncode != 0
    assert_untouched(target)


def test_a_new_file_is_readable_by_all_and_a_replaced_one_keeps_its_mode(tmp_path):
    fresh = tmp_path / "fresh.json"
    write_text_atomically(fresh, "{}\n")
    assert fresh.stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600
    private = tmp_path / "private.json"
    private.write_text("old\n")
    private.chmod(0o600)
    write_text_atomically(private, "new\n")
    assert (private.read_text(), private.stat().st_mode & 0o777) == ("new\n", 0o600)
