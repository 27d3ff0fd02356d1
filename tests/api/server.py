"""Running the real API in a uvicorn subprocess on a free loopback port, for tests that need a process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """A uvicorn process serving api.app:create_app with the given environment."""

    def __init__(self, data_dir: Path, extra_env: dict[str, str] | None = None, workers: int = 1) -> None:
        self._workers = workers
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._env = {
            **os.environ,
            "DATA_DIR": str(data_dir),
            "EMBEDDING_BACKEND": "hash",
            **(extra_env or {}),
        }
        self._proc: subprocess.Popen[bytes] | None = None

    def start(self) -> Server:
        """Start and wait until /healthz answers (up to 60 s)."""
        cmd = [
            sys.executable,
            "-m",
            "uvicorn",
            "api.app:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--log-level",
            "warning",
            "--workers",
            str(self._workers),
        ]
        # A process group of its own, so kill() also takes down the workers of a multi-worker server.
        self._proc = subprocess.Popen(
            cmd, env=self._env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(f"server exited: {self._proc.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError("server did not become healthy in 60 s")

    def log(self) -> str:
        """What the server wrote to stderr (call after stop())."""
        assert self._proc is not None and self._proc.stderr is not None
        return self._proc.stderr.read().decode(errors="replace")

    def kill(self) -> None:
        """SIGKILL: no shutdown hooks run, like a crash or an OOM kill."""
        if self._proc and self._proc.poll() is None:
            os.killpg(self._proc.pid, signal.SIGKILL)
            self._proc.wait(timeout=10)

    def stop(self) -> None:
        """Terminate gracefully."""
        if self._proc and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
