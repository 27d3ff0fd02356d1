"""Loading knowledge/ files (front matter, title, sections, articles) and chunking them for the index."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.errors import IndexUnavailableError
from agent.retrieval import chunk_document, load_knowledge, parse_document
from agent.retrieval.chunking import MAX_CHUNK_CHARS
from tests.unit.corpus import write_doc

# --- loader ------------------------------------------------------------------------------------------


def test_loader_reads_front_matter_title_sections_and_articles(knowledge_root: Path) -> None:
    docs = {d.id: d for d in load_knowledge(knowledge_root)}

    assert sorted(docs) == ["ccpa-rights", "gdpr-breach", "nist-ai-rmf", "stage-pilot"]  # README.md skipped
    gdpr = docs["gdpr-breach"]
    assert (gdpr.title, gdpr.kind, gdpr.jurisdictions, gdpr.topics) == (
        "GDPR: personal data breaches",
        "compliance",
        ("gdpr",),
        ("breach", "security"),
    )
    assert gdpr.url == "https://eur-lex.europa.eu/eli/reg/2016/679/oj"
    assert gdpr.intro.startswith("A personal data breach is a security incident")
    assert [(s.heading, s.article) for s in gdpr.sections] == [
        ("Breach reporting (GDPR Art. 33)", "GDPR Art. 33"),
        ("Telling the people affected (GDPR Art. 34)", "GDPR Art. 34"),
    ]
    assert gdpr.sections[0].text.startswith("Under GDPR Art. 33 a controller notifies")
    assert [s.article for s in docs["ccpa-rights"].sections] == [
        "Cal. Civ. Code § 1798.100",
        "Cal. Civ. Code § 1798.105",
    ]
    assert [(s.heading, s.article) for s in docs["nist-ai-rmf"].sections] == [("Govern, map, measure, manage", None)]


@pytest.mark.parametrize(
    ("heading", "article"),
    [
        ("Breach reporting (GDPR Art. 33)", "GDPR Art. 33"),
        ("Right to know (Cal. Civ. Code § 1798.100)", "Cal. Civ. Code § 1798.100"),
        ("Legitimate interests (GDPR Art. 6(1)(f))", "GDPR Art. 6(1)(f)"),
        ("High-risk systems (EU AI Act Annex III)", "EU AI Act Annex III"),
        ("Security safeguards (45 CFR 164.308)", "45 CFR 164.308"),
        ("What a small business should do", None),
        ("Fines (up to 4 %)", None),
        ("Article 30 records in practice", None),  # the provision must close the heading, in parentheses
    ],
)
def test_article_is_read_from_the_heading_end(heading: str, article: str | None) -> None:
    doc = parse_document(Path("x.md"), f"---\nid: x\nkind: compliance\n---\n# X\n\n## {heading}\nSome text.\n")

    assert [(s.heading, s.article) for s in doc.sections] == [(heading, article)]


def test_title_falls_back_to_the_first_heading_then_the_id() -> None:
    with_heading = parse_document(Path("a.md"), "---\nid: a\nkind: stage\n---\n# From the heading\n\n## S\nText.\n")
    bare = parse_document(Path("b.md"), "---\nid: b\nkind: stage\n---\n## S\nText.\n")

    assert (with_heading.title, bare.title) == ("From the heading", "b")


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("# No front matter\n\n## S\nText.\n", "missing YAML front matter"),
        ("---\ntitle: No id\nkind: compliance\n---\n# T\n", "at least 'id' and 'kind'"),
        ("---\nid: no-kind\n---\n# T\n", "at least 'id' and 'kind'"),
        ("---\n- just\n- a list\n---\n# T\n", "at least 'id' and 'kind'"),
        ("---\nid: [unclosed\nkind: compliance\n---\n# T\n", "front matter"),
    ],
)
def test_malformed_file_raises_value_error_naming_the_file(tmp_path: Path, text: str, complaint: str) -> None:
    (tmp_path / "good.md").write_text("---\nid: good\nkind: stage\n---\n# Good\n", encoding="utf-8")
    bad = tmp_path / "sub" / "broken-file.md"
    bad.parent.mkdir()
    bad.write_text(text, encoding="utf-8")

    with pytest.raises(ValueError, match=complaint) as info:
        load_knowledge(tmp_path)
    assert str(bad) in str(info.value)


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    write_doc(tmp_path, "same-id", "# One\n\n## S\nText one.\n", folder="compliance")
    write_doc(tmp_path, "same-id", "# Two\n\n## S\nText two.\n", folder="stages")

    with pytest.raises(ValueError, match="Duplicate knowledge ids: same-id"):
        load_knowledge(tmp_path)


def test_kinds_filter_and_missing_folder(knowledge_root: Path, tmp_path: Path) -> None:
    assert [d.id for d in load_knowledge(knowledge_root, kinds=("stage",))] == ["stage-pilot"]
    with pytest.raises(IndexUnavailableError, match="KNOWLEDGE_DIR"):
        load_knowledge(tmp_path / "nowhere")


def test_content_hash_changes_with_the_text() -> None:
    text = "---\nid: a\nkind: stage\n---\n# A\n\n## S\nText.\n"
    same, edited = (
        parse_document(Path("a.md"), text),
        parse_document(Path("a.md"), text.replace("Text", "Txt")),
    )

    assert same.content_hash == parse_document(Path("a.md"), text).content_hash
    assert same.content_hash != edited.content_hash


# --- chunking ----------------------------------------------------------------------------------------


def test_one_chunk_per_section_with_intro_as_overview(knowledge_root: Path) -> None:
    gdpr = next(d for d in load_knowledge(knowledge_root) if d.id == "gdpr-breach")

    chunks = chunk_document(gdpr)

    assert [(c.id, c.metadata["section"], c.metadata["article"]) for c in chunks] == [
        ("gdpr-breach#overview", "Overview", ""),
        ("gdpr-breach#breach-reporting-gdpr-art-33", "Breach reporting (GDPR Art. 33)", "GDPR Art. 33"),
        (
            "gdpr-breach#telling-the-people-affected-gdpr-art-34",
            "Telling the people affected (GDPR Art. 34)",
            "GDPR Art. 34",
        ),
    ]
    assert chunks[0].text == gdpr.intro
    assert chunks[1].embed_text.startswith("GDPR: personal data breaches - Breach reporting (GDPR Art. 33)\n")


def test_chunk_metadata_carries_document_fields_and_filter_flags(knowledge_root: Path) -> None:
    gdpr = next(d for d in load_knowledge(knowledge_root) if d.id == "gdpr-breach")

    meta = chunk_document(gdpr)[1].metadata

    assert meta == {
        "doc_id": "gdpr-breach",
        "title": "GDPR: personal data breaches",
        "kind": "compliance",
        "section": "Breach reporting (GDPR Art. 33)",
        "article": "GDPR Art. 33",
        "url": "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
        "doc_hash": gdpr.content_hash,
        "jurisdictions": "gdpr",
        "topics": "breach,security",
        "j_gdpr": True,
        "t_breach": True,
        "t_security": True,
    }
    assert all(isinstance(v, str | bool) for v in meta.values())  # Chroma metadata takes scalars only


def test_long_section_is_split_on_paragraphs_under_the_limit() -> None:
    paragraphs = [f"Paragraph {n}. " + " ".join(["word"] * 70) for n in range(12)]  # ~365 characters each
    text = "---\nid: long\nkind: stage\n---\n# Long\n\n## Big section\n" + "\n\n".join(paragraphs) + "\n"

    chunks = chunk_document(parse_document(Path("long.md"), text))

    assert len(chunks) >= 4
    assert all(len(c.text) <= MAX_CHUNK_CHARS for c in chunks)
    assert [c.id for c in chunks[:3]] == ["long#big-section", "long#big-section-2", "long#big-section-3"]
    assert {c.metadata["section"] for c in chunks} == {"Big section"}
    rejoined = "\n\n".join(c.text for c in chunks)
    assert rejoined == "\n\n".join(paragraphs)  # nothing lost, paragraphs kept whole


def test_chunk_ids_stay_unique_when_headings_collide() -> None:
    text = (
        "---\nid: dup\nkind: stage\n---\n# Dup\n\nIntro text.\n\n## Overview\nA section called Overview.\n\n"
        "## What to do\nFirst list.\n\n## What to do\nSecond list.\n"
    )

    ids = [c.id for c in chunk_document(parse_document(Path("dup.md"), text))]

    assert len(ids) == len(set(ids)) == 4
