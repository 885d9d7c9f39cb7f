"""herald.spark.code_dataframe on a local Spark (skipped without pyspark or Java 17)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys

import pytest

pyspark = pytest.importorskip("pyspark", reason="needs pyspark (pip install './python[spark]')")
if shutil.which("java") is None:
    pytest.skip("needs a Java runtime for Spark", allow_module_level=True)

import herald  # noqa: E402
from herald.spark import code_dataframe, event_schema  # noqa: E402

from conftest import REPO, read_jsonl  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    s = (
        SparkSession.builder.master("local[2]")
        .appName("herald-test")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    yield s
    s.stop()


def test_code_dataframe_equals_code_batch(spark, pipeline):
    recs = read_jsonl(REPO / "examples" / "sample-articles.jsonl")
    rows = [(r["id"], r["text"], dt.date.fromisoformat(r["date"])) for r in recs]
    # A bad row (blank text) is skipped, the others coded.
    rows.append(("blank", "   ", None))
    df = spark.createDataFrame(rows, "id string, text string, published date")
    events = code_dataframe(df, date="published")
    assert events.schema == event_schema()
    got = sorted(
        (r.doc_id, r.event, r.source_code, r.target_code, r.code, r.evidence)
        for r in events.collect()
    )
    docs = list(pipeline.code_batch(recs))
    f = herald.events_frame(docs, [r["text"] for r in recs])
    want = sorted(
        (r.doc_id, r.event, r.source_code, r.target_code, r.code, r.evidence)
        for r in f.astype(object).where(f.notna(), None).itertuples()
    )
    assert got == want and got


def test_without_id_column_and_unknown_option(spark):
    df = spark.createDataFrame([("Russia invaded Ukraine.",)], "body string")
    rows = code_dataframe(df, text="body", date=None, id=None).collect()
    assert rows and rows[0].doc_id.startswith("row-") and rows[0].doc_date is None
    with pytest.raises(TypeError, match="unknown herald.Pipeline option"):
        code_dataframe(df, text="body", colour="red")
    with pytest.raises(ValueError, match="no text column"):
        code_dataframe(df)


def test_errors_raise_fails_the_job(spark):
    df = spark.createDataFrame([("a", "Russia invaded Ukraine.", "not a date")], "id string, text string, date string")
    with pytest.raises(Exception, match='unrecognised .*date'):
        code_dataframe(df, errors="raise").collect()
