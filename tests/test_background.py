"""parting.pdf typeset in a second process: the same bytes as in this one, and a child that
fails costs nothing but time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import needs_system_packages
from parting.case.load import load_case
from parting.render import background, pdf
from parting.render import bundle as package

EXAMPLES = Path(__file__).parent.parent / "examples"

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork here")


def _boom(text: str) -> bytes:
    raise RuntimeError(text)


def _double(text: str) -> bytes:
    return (text * 2).encode()


@pytest.fixture(autouse=True)
def _two_cpus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PARTING_JOBS", raising=False)
    monkeypatch.setattr(background, "_useful", lambda: True)


def test_a_worker_runs_one_job_and_returns_its_bytes() -> None:
    worker = background.Worker.start()
    assert worker is not None
    collect = worker.submit(_double, "ab")
    assert collect() == b"abab"
    worker.close()  # after the job: nothing left to end


def test_a_failing_child_leaves_the_error_to_this_process() -> None:
    worker = background.Worker.start()
    assert worker is not None
    collect = worker.submit(_boom, "in the child")
    with pytest.raises(RuntimeError, match="in the child"):
        collect()  # the child failed; the job ran again here, and its error is ours


def test_a_worker_that_gets_no_job_ends_when_closed() -> None:
    worker = background.Worker.start()
    assert worker is not None
    pid = worker._pid
    worker.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped


def test_no_worker_where_it_is_not_useful(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()
    monkeypatch.setenv("PARTING_JOBS", "1")
    assert background.Worker.start() is None


def test_parting_pdf_from_the_worker_is_byte_identical() -> None:
    needs_system_packages("fonts-noto-cjk", "libharfbuzz-subset0")
    bundle = package.build(load_case(EXAMPLES / "harbor-foods.yaml"))
    pdf.prepare()
    here = bundle.document_files(None)  # a worker forked at document time
    worker = background.Worker.start(pdf.prepare)  # one forked before, as `parting plan` does
    early = bundle.document_files(worker)
    assert early == here
    assert here["parting.pdf"] == pdf.render_pdf(bundle)  # and this process, alone
