"""Bad records: a clear ValueError naming the record, or with errors="skip" a report and
the rest kept. Never lost silently."""

from __future__ import annotations

import datetime as dt
import math
import warnings

import pytest

import herald

GOOD = "Russia invaded Ukraine."


def batch(pipeline, records, **kw):
    return list(pipeline.code_batch(records, **kw))


@pytest.mark.parametrize(
    "bad, words",
    [
        ({"id": "b1", "text": 42}, ['record 1 (id "b1")', '"text" is not a string but int']),
        ({"id": "b1", "text": GOOD, "date": "the day after"}, ['record 1 (id "b1")', 'unrecognised "date"']),
        ({"id": "b1", "text": "Russia \ud800 invaded Ukraine."}, ['record 1 (id "b1")', "lone surrogate at index 7"]),
        ({"text": None}, ["record 1", 'no "text"']),
        ({"id": "b1"}, ['record 1 (id "b1")', 'no "text"']),
        ({"id": "b1", "text": "   "}, ['record 1 (id "b1")', "empty"]),
        ({"id": "b1", "text": GOOD, "title": 3}, ['record 1 (id "b1")', '"title" is not a string']),
        ({"id": "b1", "text": GOOD, "date": True}, ['record 1 (id "b1")', '"date"']),
        ({"id": 2.5, "text": GOOD}, ["record 1", '"id" is not a string but float']),
        ("just a string", ["record 1", "expected a dict"]),
    ],
)
def test_bad_record_raises_value_error_naming_it(pipeline, bad, words):
    records = [{"id": "a", "text": GOOD}, bad, {"id": "c", "text": GOOD}]
    got = []
    with pytest.raises(ValueError) as e:
        for d in pipeline.code_batch(records):
            got.append(d["id"])
    for w in words:
        assert w in str(e.value), (w, str(e.value))
    assert got == ["a"], "results before the bad record are yielded"


def test_skip_reports_and_keeps_the_rest(pipeline):
    records = [
        {"id": "a", "text": GOOD, "date": "2022-02-24"},
        {"id": "b", "text": 7},
        {"id": "c", "text": GOOD, "date": "not a date"},
        {"id": "d", "text": "Russia \udcff invaded."},
        {"id": "e", "text": GOOD},
    ]
    skipped: list[herald.RecordError] = []
    with pytest.warns(herald.HeraldWarning) as w:
        docs = batch(pipeline, records, errors="skip", skipped=skipped)
    assert [d["id"] for d in docs] == ["a", "e"]
    assert [(e.index, e.id, e.kind) for e in skipped] == [(1, "b", "bad"), (2, "c", "bad"), (3, "d", "bad")]
    assert 'record 2 (id "c")' in skipped[1].message
    assert len(w) == 3 and 'record 3 (id "d")' in str(w[2].message)


def test_skip_without_a_list_still_warns(pipeline):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        docs = batch(pipeline, [{"text": 1}, {"text": GOOD}], errors="skip")
    assert [d["id"] for d in docs] == ["1"]
    assert any("record 0" in str(x.message) for x in w)


def test_coding_failure_is_reported(pipeline):
    # A CPU budget no article can meet: every article fails in the pipeline, not in input.
    p = herald.Pipeline(parse=False, max_cpu_per_article=1e-9)
    long_text = " ".join([GOOD] * 2000)
    with pytest.raises(herald.CodingError, match='record 0: article "x" not coded'):
        batch(p, [{"id": "x", "text": long_text}])
    skipped: list[herald.RecordError] = []
    with pytest.warns(herald.HeraldWarning):
        assert batch(p, [{"id": "x", "text": long_text}], errors="skip", skipped=skipped) == []
    assert skipped[0].kind == "failed" and skipped[0].id == "x"
    with pytest.raises(herald.CodingError):
        p.code(long_text)


def test_code_single_article_errors(pipeline):
    with pytest.raises(ValueError, match="not a string but int"):
        pipeline.code(5)
    with pytest.raises(ValueError, match='unrecognised "date"'):
        pipeline.code(GOOD, date="yesterday-ish")
    with pytest.raises(ValueError, match="lone surrogate at index 0"):
        pipeline.code("\ud83d" + GOOD)


def test_dates_are_read_as_the_cli_reads_them(pipeline):
    for value in ["2022-02-24", "2022-02-24T08:00:00Z", "Thu, 24 Feb 2022 08:00:00 GMT",
                  "February 24, 2022 13:42", dt.date(2022, 2, 24), dt.datetime(2022, 2, 24, 8),
                  1645689600, "1645689600"]:
        assert pipeline.code(GOOD, date=value)["date"] == "2022-02-24", value
    for missing in [None, "", math.nan]:
        assert pipeline.code(GOOD, date=missing)["date"] is None
    assert herald.normalize_date("Nov 20, 2019 1:42 PM") == "2019-11-20"


def test_ids(pipeline):
    docs = batch(pipeline, [{"text": GOOD}, {"id": 17, "text": GOOD}, {"id": "", "text": GOOD}])
    assert [d["id"] for d in docs] == ["0", "17", "2"]
    assert pipeline.code(GOOD)["id"] == "0"


def test_argument_checks(pipeline):
    with pytest.raises(ValueError, match="errors must be"):
        batch(pipeline, [], errors="ignore")
    with pytest.raises(TypeError, match="iterable of records"):
        batch(pipeline, {"text": GOOD})
    with pytest.raises(TypeError):
        herald.Pipeline(no_such_option=True)
    with pytest.raises(ValueError, match="actors_from"):
        herald.Pipeline(actors_from="guess")
    with pytest.raises(ValueError, match="loading dictionaries"):
        herald.Pipeline(dictionaries="/nonexistent/dicts")
    assert batch(pipeline, iter([])) == []


def test_char_span_helpers():
    text = "Zelenskyy – “Kyiv” ☃ met Ørsted."
    raw = text.encode()
    i = raw.index("Kyiv".encode())
    assert herald.char_span(text, [i, i + 4]) == (text.index("Kyiv"), text.index("Kyiv") + 4)
    assert herald.evidence(text, [i, i + 4]) == "Kyiv"
    assert herald.char_offsets(text, [0, len(raw)]) == [0, len(text)]
    with pytest.raises(ValueError, match="inside a character"):
        herald.char_span(text, [i - 1, i + 4])
    with pytest.raises(ValueError, match="past the end"):
        herald.char_span(text, [0, len(raw) + 1])
    assert herald.char_span("ascii", [1, 3]) == (1, 3)


def test_every_span_of_a_coded_document_maps_to_its_text(pipeline):
    text = "KYIV — Ukraine’s President Volodymyr Zelenskyy said on Monday that Russia’s army attacked Kharkiv. “We will answer,” he said."
    doc = pipeline.code(text, date="2023-03-20")
    assert doc["events"]
    for ev in doc["events"]:
        assert herald.evidence(text, ev["source"]["span"]) == ev["source"]["text"]
        i, j = herald.char_span(text, ev["span"])
        assert text[i:j] == text.encode()[ev["span"][0]:ev["span"][1]].decode()
