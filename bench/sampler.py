"""How much of a rerun is spent in the project's own code, by stack sampling.

Why sampling: AppTest runs the script in a fresh "ScriptRunner.scriptThread"
for every run, and cProfile (Python 3.11) only sees the thread that enabled
it. A sampler thread instead looks at that thread's stack every 5 ms with
`sys._current_frames()`, so the timed reruns are sampled as they are timed.
That costs a few per cent of a rerun (measured: 2-5%), paid by the reference
page too, so the rerun ratios are unaffected to first order.

Accounting (no double counting): each sample stands for the wall time since
the previous sample (the sampler may wait for the GIL while C code runs, so
intervals are uneven). That time is counted once, as "own" when any frame of
the script thread's stack is in a project file, and then attributed to
- the outermost project frame ("top": the call a page made, e.g.
  ui/data.py:status_table), and
- the innermost project frame ("leaf": where inside our code it is spent),
and, own or not, to the innermost line of the page script or the entry point
("line": which statement of the page it belongs to).
Samples taken while no script thread exists (AppTest's own bookkeeping in the
main thread) count as not own. A nested project call therefore never counts
twice: the slice goes to one outermost and one innermost frame.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OWN = tuple(str(ROOT / d) + "/" for d in ("loaders", "analysis", "charts")) + (str(ROOT / "ui" / "data.py"),)
SCRIPTS = (str(ROOT / "pages") + "/", str(ROOT / "dashboard.py"), str(ROOT / "bench" / "reference_app.py"))
SCRIPT_THREAD = "ScriptRunner.scriptThread"
INTERVAL = 0.005


def _where(frame) -> str:
    return f"{Path(frame.f_code.co_filename).relative_to(ROOT)}:{frame.f_code.co_name}"


def classify(frame) -> tuple[str | None, str | None, str | None]:
    """(outermost own function, innermost own function, innermost script line) of a stack."""
    top = leaf = line = None
    while frame is not None:
        name = frame.f_code.co_filename
        if name.startswith(OWN):
            top = _where(frame)
            leaf = leaf or top
        elif line is None and name.startswith(SCRIPTS):
            line = f"{Path(name).relative_to(ROOT)}:{frame.f_lineno}"
        frame = frame.f_back
    return top, leaf, line


class Tally:
    """Sampled time of one page: total, own, and the three views above."""

    def __init__(self):
        self.total = self.own = 0.0
        self.top: Counter = Counter()
        self.leaf: Counter = Counter()
        self.line: Counter = Counter()

    def add(self, spent: float, stack) -> None:
        top, leaf, line = classify(stack) if stack is not None else (None, None, None)
        self.total += spent
        if top:
            self.own += spent
            self.top[top] += spent
            self.leaf[leaf] += spent
        self.line[line or "(outside the script)"] += spent

    def share(self) -> float:
        return self.own / self.total if self.total else 0.0

    def profile(self, n: int = 5) -> dict:
        """The n biggest entries of each view, as fractions of the sampled time."""
        total = self.total or 1.0
        return {
            view: [[name, round(spent / total, 4)] for name, spent in counter.most_common(n)]
            for view, counter in (("top", self.top), ("leaf", self.leaf), ("line", self.line))
        }


class Sampler:
    """One background thread; `with sampler.into(tally): at.run()` samples that rerun."""

    def __init__(self, interval: float = INTERVAL):
        self.interval = interval
        self.tally: Tally | None = None
        self._last = time.perf_counter()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="bench-sampler", daemon=True)

    def __enter__(self) -> "Sampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    @contextmanager
    def into(self, tally: Tally):
        with self._lock:
            self._last = time.perf_counter()
            self.tally = tally
        try:
            yield tally
        finally:
            self.tally = None
            self._sample_into(tally)  # the slice since the last sample

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            tally = self.tally
            if tally is not None:
                self._sample_into(tally)

    def _sample_into(self, tally: Tally) -> None:
        with self._lock:
            now = time.perf_counter()
            spent, self._last = now - self._last, now
            frames = sys._current_frames()
            stacks = [frames.get(t.ident) for t in threading.enumerate() if t.name == SCRIPT_THREAD]
            tally.add(spent, stacks[0] if stacks else None)
