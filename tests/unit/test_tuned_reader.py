"""The fine-tuned reader model: trained from labelled sentences into ONNX plus a head, read without torch, and
absent (the sentence view then off) when the settings ask for the hashing embedder."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import numpy as np
import pytest

import agent.profile.tuned as tuned
from agent.profile.tuned import TrainingSet, TunedReader, _train_into


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, TrainingSet]:
    texts = [
        "Could AI answer our phones when we are busy?",
        "Calls go to voicemail all afternoon.",
        "We want a rota that builds itself around the school holidays.",
        "Planning the staff shifts takes me all Sunday.",
        "The shop opened in 1998 on the high street.",
        "We use Xero for the accounts.",
    ]
    data = TrainingSet(["phone", "rota", "none"], texts, np.array([0, 0, 1, 1, 2, 2], dtype=np.intp))
    folder = tmp_path_factory.mktemp("tuned") / "model"
    original = tuned.EPOCHS
    tuned.EPOCHS = 1  # the mechanism, not the quality: one pass over six sentences
    try:
        _train_into(folder, data)
    finally:
        tuned.EPOCHS = original
    return folder, data


def test_training_writes_an_onnx_encoder_and_a_head(tiny_model: tuple[Path, TrainingSet]) -> None:
    folder, data = tiny_model
    assert (folder / "encoder.onnx").stat().st_size > 1_000_000
    with np.load(folder / "head.npz") as head:
        assert head["weights"].shape == (384, len(data.classes)) and head["bias"].shape == (len(data.classes),)


def test_the_tuned_model_reads_its_own_sentences_into_their_classes(tiny_model: tuple[Path, TrainingSet]) -> None:
    folder, data = tiny_model
    reader = TunedReader(folder, data.classes)
    table = reader.probabilities(data.texts)
    assert np.allclose(table.sum(axis=1), 1.0, atol=1e-4)
    assert [data.classes[int(np.argmax(row))] for row in table] == [data.classes[n] for n in data.labels]
    # cached per text: asking again gives the same rows, in the order asked
    again = reader.probabilities([data.texts[3], data.texts[0]])
    assert np.allclose(again, table[[3, 0]])
    assert reader.probabilities([]).shape == (0, len(data.classes))


def test_the_key_changes_with_what_the_model_learns() -> None:
    one = TrainingSet(["a", "b"], ["x", "y"], np.array([0, 1], dtype=np.intp))
    other = TrainingSet(["a", "b"], ["x", "y z"], np.array([0, 1], dtype=np.intp))
    assert one.key() == TrainingSet(["a", "b"], ["x", "y"], np.array([0, 1], dtype=np.intp)).key()
    assert one.key() != other.key()


def test_no_tuned_model_without_the_local_embedding_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tuned, "reader_embedder", lambda: None)
    assert tuned.tuned_reader() is None


def test_the_training_set_gives_risky_sentences_their_flag_not_none() -> None:
    from agent.profile.owner_examples import owner_examples
    from agent.profile.risky import red_flags

    data = tuned.training_set()
    assert set(red_flags()) <= set(data.classes) and "none" in data.classes
    by_class = {
        name: {t for t, n in zip(data.texts, data.labels, strict=True) if data.classes[n] == name}
        for name in data.classes
    }
    lone_risky = [e for e in owner_examples() if len(e.get("risky") or []) == 1 and not e.get("wishes")]
    assert lone_risky
    for example in lone_risky[:20]:
        assert example["text"] in by_class[example["risky"][0]] and example["text"] not in by_class["none"]


def test_an_example_teaches_each_of_its_asks_and_risky_wishes_an_equal_share(monkeypatch: pytest.MonkeyPatch) -> None:
    examples = (
        {"text": "plan the van routes and draft the quotes", "wishes": ["route-optimisation", "quote-drafting"]},
        {
            "text": "plan the routes, and a camera on the driver's seat",
            "wishes": ["route-optimisation"],
            "risky": ["driver-facing-cameras"],
        },
        {"text": "we are a bakery in Leeds", "wishes": []},
        {"text": "help with wedding seating plans", "wishes": ["custom:seating plans"]},
        {"text": "seating plans, and draft the quotes", "wishes": ["custom:seating plans", "quote-drafting"]},
    )
    monkeypatch.setattr(tuned, "owner_examples", lambda: examples)
    data = tuned.training_set()
    shares = {
        text: dict(zip(data.classes, row, strict=True)) for text, row in zip(data.texts, data.targets(), strict=True)
    }
    assert shares[examples[0]["text"]]["route-optimisation"] == pytest.approx(0.5)
    assert shares[examples[0]["text"]]["quote-drafting"] == pytest.approx(0.5)
    assert shares[examples[1]["text"]]["driver-facing-cameras"] == pytest.approx(0.5)
    assert shares[examples[2]["text"]]["none"] == pytest.approx(1.0)
    # An ask the catalogue lacks is an ask: its own class, not none.
    assert shares[examples[3]["text"]]["custom"] == pytest.approx(1.0) and shares[examples[3]["text"]]["none"] == 0
    assert shares[examples[4]["text"]]["custom"] == pytest.approx(0.5)
    assert shares[examples[4]["text"]]["quote-drafting"] == pytest.approx(0.5)
    assert all(abs(sum(row.values()) - 1.0) < 1e-6 for row in shares.values())
    assert data.classes[data.labels[data.texts.index(examples[0]["text"])]] == "route-optimisation"


def test_batches_cover_every_text_once_and_group_texts_of_like_length() -> None:
    lengths = np.array([(n * 37) % 200 for n in range(1000)])
    batches = tuned._batches(np.random.RandomState(0), lengths)
    assert sorted(np.concatenate(batches).tolist()) == list(range(1000))
    spread = np.mean([np.ptp(lengths[b]) for b in batches])
    shuffled = np.random.RandomState(1).permutation(1000)
    plain = np.mean([np.ptp(lengths[shuffled[i : i + tuned.BATCH]]) for i in range(0, 1000, tuned.BATCH)])
    assert spread < plain / 3


def test_a_command_started_during_a_training_waits_for_it_instead_of_training_again(
    tiny_model: tuple[Path, TrainingSet], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, data = tiny_model
    monkeypatch.setattr(tuned, "training_set", lambda: data)
    monkeypatch.setattr(tuned, "_train_atomically", lambda *_: pytest.fail("a second copy was trained"))
    folder = tmp_path / "models" / f"tuned-reader-{data.key()}"
    holding = threading.Event()

    def first_command() -> None:  # holds the lock as a training process does, then leaves its model in place
        with tuned._machine_lock(folder):
            holding.set()
            time.sleep(0.3)
            shutil.copytree(source, folder)

    trainer = threading.Thread(target=first_command)
    trainer.start()
    holding.wait()
    tuned.load_tuned_reader.cache_clear()
    try:
        reader = tuned.load_tuned_reader(tmp_path)
    finally:
        trainer.join()
        tuned.load_tuned_reader.cache_clear()
    assert reader.classes == data.classes
    assert reader.probabilities(["Calls go to voicemail all afternoon."]).shape == (1, 3)
