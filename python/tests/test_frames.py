"""events_frame and gdelt_frame: columns, values, and GDELT rows as `herald export` writes them."""

from __future__ import annotations

import datetime as dt
import math
import subprocess

import pytest

pd = pytest.importorskip("pandas", reason="the frames need pandas")

import herald  # noqa: E402

from conftest import REPO, read_jsonl  # noqa: E402

SAMPLE = REPO / "examples" / "sample-articles.jsonl"


@pytest.fixture(scope="module")
def coded(pipeline):
    recs = read_jsonl(SAMPLE)
    return recs, list(pipeline.code_batch(recs))


def test_events_frame_has_one_row_per_event(coded):
    recs, docs = coded
    f = herald.events_frame(docs, [r["text"] for r in recs])
    assert list(f.columns) == [c for c, _ in herald.EVENT_COLUMNS]
    assert len(f) == sum(len(d["events"]) for d in docs) > 0
    first = docs[0]["events"][0]
    row = f.iloc[0]
    assert row["doc_id"] == docs[0]["id"] and row["code"] == first["code"]
    assert row["source_code"] == first["source"]["code"]
    assert row["plover_type"] == (first["plover"] or {}).get("type")
    assert row["goldstein"] == pytest.approx(first["goldstein"])
    # Evidence and sentence text are the byte spans of the text.
    text = recs[0]["text"]
    assert row["evidence"] == herald.evidence(text, first["span"])
    assert row["sentence_text"] == herald.evidence(text, docs[0]["sentences"][first["sentence"]])
    assert math.isnan(row["confidence"]) or "confidence" in first


def test_texts_by_id_and_without_texts(coded):
    recs, docs = coded
    by_id = herald.events_frame(docs, {r["id"]: r["text"] for r in recs})
    aligned = herald.events_frame(docs, [r["text"] for r in recs])
    assert by_id["evidence"].tolist() == aligned["evidence"].tolist()
    bare = herald.events_frame(docs)
    assert bare["evidence"].isna().all() and len(bare) == len(aligned)
    with pytest.raises(ValueError, match="texts has 1 items for 3 documents"):
        herald.events_frame(docs, ["x"])


def test_confidence_and_new_fields_are_picked_up():
    doc = {
        "id": "d", "date": "2023-03-17", "sentences": [[0, 23]],
        "events": [
            {"source": {"code": "RUS", "text": "Russia", "span": [0, 6]},
             "target": {"code": "UKR", "text": "Ukraine", "span": [15, 22]},
             "code": "192", "root": "19", "name": "Occupy territory", "goldstein": -9.5,
             "quad_class": 4, "plover": {"type": "ASSAULT", "mode": "occupy"},
             "date": "2023-03-17", "date_source": "article", "sentence": 0, "span": [0, 22],
             "pattern": "p", "modality": "asserted", "negated": False, "location": None,
             "confidence": 0.87, "decided_by": "both", "salience": 2},
            {"source": {"code": "RUS", "text": "Russia", "span": [0, 6]}, "target": None,
             "code": "190", "root": "19", "name": "x", "goldstein": -10, "quad_class": 4,
             "plover": None, "date": None, "date_source": None, "sentence": 0,
             "span": [0, 14], "pattern": "p", "modality": "asserted", "negated": False,
             "location": None},
        ],
    }
    f = herald.events_frame([doc], ["Russia invaded Ukraine."])
    assert f["confidence"].iloc[0] == pytest.approx(0.87)
    assert math.isnan(f["confidence"].iloc[1])
    assert f["decided_by"].tolist() == ["both", None]
    # A field herald may add later becomes a column of its own.
    assert f["salience"].tolist() == [2, None]
    assert f["target_code"].iloc[1] is None and pd.isna(f["target_start"].iloc[1])
    assert f["evidence"].iloc[0] == "Russia invaded Ukraine"
    assert f["day"].tolist() == ["2023-03-17", "2023-03-17"]


def test_actor_code_split_matches_gdelt_columns():
    s = herald.frames.split_actor_code
    assert s("CHNGOV")["country"] == "CHN" and s("CHNGOV")["type1"] == "GOV"
    assert s("IGOUNO")["known_group"] == "UNO" and s("IGOUNO")["type1"] == "IGO"
    assert s("MOSSUN")["religion1"] == "MOS" and s("MOSSUN")["religion2"] == "SUN"


def test_gdelt_frame_equals_herald_export(cli, coded, tmp_path):
    """The same rows as `herald ingest` + `herald export --format gdelt-events` (records
    of one mention; the export numbers records and stamps the ingestion time its own way)."""
    recs, docs = coded
    db = tmp_path / "h.db"
    subprocess.run([str(cli), "ingest", str(SAMPLE), "--db", str(db)], check=True, capture_output=True)
    out = subprocess.run([str(cli), "export", "--format", "gdelt-events", "--db", str(db)],
                         check=True, capture_output=True, text=True).stdout
    exported = [line.split("\t") for line in out.splitlines()]
    g = herald.gdelt_frame(docs, [r["text"] for r in recs], date_added=dt.datetime(2024, 1, 2, 3, 4, 5))
    assert list(g.columns) == herald.GDELT_EVENT_COLUMNS and len(g.columns) == 61
    assert g["DATEADDED"].iloc[0] == 20240102030405
    assert g["GlobalEventID"].tolist() == list(range(1, len(g) + 1))

    def as_export(v, col):
        if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
            return ""
        if col == "GoldsteinScale":
            return f"{v:.1f}"
        if col in ("FractionDate", "AvgTone") or col.endswith(("_Lat", "_Long")):
            return f"{v:.4f}"
        return str(v)

    mine = {}
    for _, row in g.iterrows():
        fields = [as_export(row[c], c) for c in herald.GDELT_EVENT_COLUMNS]
        key = (fields[5], fields[15], fields[26], fields[1])  # Actor1Code, Actor2Code, EventCode, Day
        mine.setdefault(key, []).append(fields)
    compared = 0
    for fields in exported:
        assert len(fields) == 61
        key = (fields[5], fields[15], fields[26], fields[1])
        assert key in mine, key
        if fields[31] == "1":  # NumMentions: one event, one row
            (row,) = mine[key]
            # All but GlobalEventID (0) and DATEADDED (59).
            assert row[1:59] + row[60:] == fields[1:59] + fields[60:], key
            compared += 1
    assert compared > 0
    assert sum(len(v) for v in mine.values()) == sum(
        1 for d in docs for e in d["events"] if not e["negated"]
    )
