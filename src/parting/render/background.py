"""Typesetting in a second process, on machines with a second core.

parting.pdf (every document) and settlement.pdf are typeset separately, and typesetting is
most of the time the documents add to a run. A `Worker` is a forked child that gets ready
(imports WeasyPrint) while the parent loads and plans the case, then runs one job, typesetting
parting.pdf from its HTML, while the parent writes settlement.pdf and the other files. The
child's bytes are the bytes the job gives in the parent (a test checks that).

No child is forked where that is not safe or not useful: without `os.fork`, with one CPU, with
other threads running (a forked copy of a threaded process can deadlock), or when
`PARTING_JOBS=1`. If the child fails for any reason, the job is done again in the parent, so
an error is raised where it is reported, the usual way.
"""

from __future__ import annotations

import gc
import os
import pickle
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

_OK = b"\x00"


def _useful() -> bool:
    if os.environ.get("PARTING_JOBS", "").strip() == "1":
        return False
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return cpus > 1


class Worker:
    """A forked child that runs `prepare()` at once and then one job sent by `submit`."""

    def __init__(self, pid: int, jobs: int, results: int) -> None:
        self._pid = pid
        self._jobs = jobs  # the parent's ends of the two pipes
        self._results = results
        self._done = False

    @classmethod
    def start(cls, prepare: Callable[[], object] = lambda: None) -> Worker | None:
        """A worker, or None where a child is not safe or not useful (see above)."""
        if not _useful():
            return None
        try:
            job_read, job_write = os.pipe()
            result_read, result_write = os.pipe()
            pid = os.fork()
        except OSError:
            return None
        if pid == 0:  # the child never returns from here
            os.close(job_write)
            os.close(result_read)
            _child(prepare, job_read, result_write)
        os.close(job_read)
        os.close(result_write)
        return cls(pid, job_write, result_read)

    def submit(self, work: Callable[..., bytes], *args: Any) -> Callable[[], bytes]:
        """Send `work(*args)` (a module-level function and picklable arguments) to the
        child; returns the function that collects its bytes."""
        try:
            with os.fdopen(self._jobs, "wb") as pipe:
                pickle.dump((work, args), pipe, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError:  # the child is gone: collect() does the work here
            pass

        def collect() -> bytes:
            data = self._finish()
            return data[1:] if data[:1] == _OK else work(*args)

        return collect

    def _finish(self) -> bytes:
        if self._done:
            return b""
        self._done = True
        with os.fdopen(self._results, "rb") as pipe:
            data = pipe.read()
        _pid, status = os.waitpid(self._pid, 0)
        return data if status == 0 else b""

    def close(self) -> None:
        """End the child if no job was sent (an error before the documents)."""
        if not self._done:
            with suppress(OSError):  # already closed by submit
                os.close(self._jobs)
            self._finish()


def _child(prepare: Callable[[], object], jobs: int, results: int) -> None:
    # A short life: the cyclic collector would only walk the parent's objects again and again
    # (WeasyPrint allocates a great many); what the child leaves goes with it.
    gc.disable()
    status = 1
    try:
        prepare()
        with os.fdopen(jobs, "rb") as pipe:
            data = pipe.read()
        if data:
            work, args = pickle.loads(data)
            out = work(*args)
            with os.fdopen(results, "wb") as pipe:
                pipe.write(_OK + out)
        status = 0
    finally:
        os._exit(status)  # never the parent's exit code, buffers or atexit handlers


@contextmanager
def frozen() -> Iterator[None]:
    """The objects alive now (the case, the plan, the imported modules) left out of the
    cyclic collector's passes while the documents are typeset: they live on anyway, and
    walking them again at every collection costs about a tenth of the typesetting."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
