"""`parting serve` in a subprocess, as a user runs it: for the browser tests, the latency
bench and the screenshots (one way to start it, not three).

The command is started with --no-browser on a free port (--port 0); its first line is the URL
with the access token (`parting serve` prints it before anything else). The child runs this
source tree's parting (its `src` folder first on PYTHONPATH). Its stderr goes to a temporary
file, read when it fails to start, so a chatty server never blocks on a full pipe."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from types import TracebackType

#: The folder that holds this parting package (src/ in a checkout).
SRC = Path(__file__).resolve().parents[2]


class Served:
    """`parting serve FOLDER` running in a child process; `url` (with the token), `base`
    (the origin), `proc`. Stop it with `stop()` or use it as a context manager."""

    def __init__(self, folder: Path, *args: str) -> None:
        self.folder = folder
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(
            [str(SRC), *filter(None, [os.environ.get("PYTHONPATH")])]))
        self._stderr = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "from parting.launch import main; main()",
             "serve", str(folder), "--no-browser", "--port", "0", *args],
            stdout=subprocess.PIPE, stderr=self._stderr, text=True, env=env,
        )
        assert self.proc.stdout is not None
        self.url = self.proc.stdout.readline().strip()
        if not self.url.startswith("http://"):
            self.stop()
            self._stderr.seek(0)
            raise RuntimeError(f"parting serve did not start: {self.url!r} "
                               f"{self._stderr.read()}")
        self.base = self.url.split("/?token=")[0]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()

    def close(self) -> None:
        self.stop()
        self._stderr.close()

    def __enter__(self) -> Served:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
