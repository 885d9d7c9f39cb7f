"""herald on Apache Spark: code a DataFrame of articles into a DataFrame of events.

    from herald.spark import code_dataframe
    events = code_dataframe(articles, text="text", date="date", id="id")

The articles go through ``mapInPandas``: each Python worker process loads the pipeline
once (a module-level cache keyed by the options) and codes its Arrow batches through
the same batch entry as ``herald code``, so the events equal the CLI's. The output
schema is :data:`EVENT_SCHEMA` (the columns of :func:`herald.events_frame`, typed).

As a job::

    python -m herald.spark INPUT OUTPUT [--master local[2]] [--format parquet|jsonl]

reads articles (JSON Lines, ``.jsonl.gz``, or Parquet; a file, folder or glob) and
writes their events partitioned by month (``month=YYYY-MM``, ``month=undated``).
``docs/scale-out.md`` explains running it with ``spark-submit`` on a cluster.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import warnings
from typing import TYPE_CHECKING, Any, Iterator

from .frames import EVENT_COLUMNS, events_frame

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from pyspark.sql import DataFrame

__all__ = ["code_dataframe", "event_schema", "EVENT_SCHEMA_DDL", "main"]

_SPARK_TYPES = {"str": "string", "int": "bigint", "float": "double", "bool": "boolean"}

#: The output schema of :func:`code_dataframe` as a Spark DDL string.
EVENT_SCHEMA_DDL: str = ", ".join(f"`{name}` {_SPARK_TYPES[kind]}" for name, kind in EVENT_COLUMNS)

# One pipeline per Python worker process and options: Spark reuses its Python workers
# across tasks (spark.python.worker.reuse, on by default), so the dictionaries and the
# model are loaded once per worker, not per batch or row.
_PIPELINES: dict[tuple, Any] = {}


def event_schema():
    """The output schema of :func:`code_dataframe` as a ``StructType``."""
    from pyspark.sql.types import StructType

    return StructType.fromDDL(EVENT_SCHEMA_DDL)


def _pipeline(options: tuple):
    p = _PIPELINES.get(options)
    if p is None:
        import herald

        p = herald.Pipeline(**dict(options))
        _PIPELINES[options] = p
    return p


def _peak_rss_mib() -> float:
    """Peak resident memory of this process (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _coder(options: tuple, errors: str):
    """The function mapInPandas runs over a partition's Arrow batches."""

    def code(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        import herald

        p = _pipeline(options)
        columns = [name for name, _ in EVENT_COLUMNS]
        for batch in batches:
            records = batch.to_dict("records")
            # A frame per chunk of the Arrow batch: the coded documents of a whole batch
            # (10,000 rows by default) need not be in memory at once.
            for start in range(0, len(records), herald.DEFAULT_CHUNK):
                chunk = records[start : start + herald.DEFAULT_CHUNK]
                skipped: list[herald.RecordError] = []
                with warnings.catch_warnings():
                    # Reported below, once per record, on the executor's stderr.
                    warnings.simplefilter("ignore", herald.HeraldWarning)
                    docs = list(p.code_batch(chunk, errors=errors, skipped=skipped))
                bad = {e.index for e in skipped}
                for e in skipped:
                    print(f"herald.spark: skipped {e.message}", file=sys.stderr)
                texts = [r["text"] for i, r in enumerate(chunk) if i not in bad]
                yield events_frame(docs, texts)[columns]
            if os.environ.get("HERALD_SPARK_REPORT"):
                r = resource.getrusage(resource.RUSAGE_SELF)
                print(
                    f"herald.spark: worker pid {os.getpid()} peak RSS {_peak_rss_mib():.0f} MiB, "
                    f"CPU {r.ru_utime + r.ru_stime:.2f} s",
                    file=sys.stderr,
                )

    return code


def code_dataframe(
    df: DataFrame,
    text: str = "text",
    date: str | None = "date",
    id: str | None = "id",
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    errors: str = "skip",
    jobs: int = 1,
    **options: Any,
) -> DataFrame:
    """Code the articles of ``df`` into a DataFrame of events (schema: :func:`event_schema`).

    ``text``, ``date``, ``id``, ``title``, ``url``, ``source`` name the columns holding
    each field (``date``/``id`` may be None or missing from ``df``: articles are then
    undated / numbered with ``monotonically_increasing_id``, prefixed ``row-``). A null id
    gets a ``row-`` number too. Dates may be strings in any layout ``herald code`` reads,
    dates or timestamps.

    ``errors="skip"`` (default) leaves out an article that is no article (null or blank
    text, an unrecognised date …) or that the pipeline fails on, with a line naming it
    on the executor's stderr; ``errors="raise"`` fails the task (and so the job) on it.
    ``jobs`` is the number of threads each task codes with (default 1: Spark runs one
    task per core; raise it with ``spark.task.cpus``). Other keyword options are those of
    :class:`herald.Pipeline` (``dictionaries``, ``parse``, ``keep_negated`` …); a
    ``dictionaries`` or ``model`` path must exist on every executor.
    """
    from pyspark.sql import functions as F

    if errors not in ("raise", "skip"):
        raise ValueError(f'errors must be "raise" or "skip", not {errors!r}')
    if text not in df.columns:
        raise ValueError(f"no text column {text!r} in {df.columns}")
    for name, col in (("title", title), ("url", url), ("source", source)):
        if col is not None and col not in df.columns:
            raise ValueError(f"no {name} column {col!r} in {df.columns}")
    # Fail here, on the driver, on an option the pipeline does not know.
    _check_options(options)
    row_id = F.concat(F.lit("row-"), F.monotonically_increasing_id().cast("string"))
    if id is not None and id in df.columns:
        id_col = F.coalesce(F.col(id).cast("string"), row_id)
    else:
        id_col = row_id
    cols = [F.col(text).alias("text"), id_col.alias("id")]
    if date is not None and date in df.columns:
        # Dates and timestamps travel as they are (datetime objects); anything else as a
        # string, read with herald's date parser on the executor.
        if dict(df.dtypes)[date] in ("date", "timestamp", "timestamp_ntz"):
            cols.append(F.col(date).alias("date"))
        else:
            cols.append(F.col(date).cast("string").alias("date"))
    for name, col in (("title", title), ("url", url), ("source", source)):
        if col is not None:
            cols.append(F.col(col).cast("string").alias(name))
    opts = dict(options)
    opts["jobs"] = jobs
    key = tuple(sorted(opts.items()))
    return df.select(*cols).mapInPandas(_coder(key, errors), schema=event_schema())


def _check_options(options: dict) -> None:
    allowed = {
        "dictionaries", "model", "parse", "knowledge", "require_dyad", "keep_negated",
        "keep_hypothetical", "intent_codes", "actors_from", "comma_min", "comma_max",
        "comma_bmin", "comma_bmax", "comma_emin", "comma_emax", "new_actor_length",
        "max_sentences", "max_sentence_bytes", "max_coded_bytes", "max_cpu_per_article",
    }  # fmt: skip
    unknown = sorted(set(options) - allowed)
    if unknown:
        raise TypeError(
            f"unknown herald.Pipeline option(s) {unknown}; options are {sorted(allowed)}"
        )


def _read_articles(spark, path: str, input_format: str):
    if input_format == "auto":
        base = path.rstrip("/")
        input_format = "parquet" if base.endswith(".parquet") or (
            os.path.isdir(base) and any(f.endswith(".parquet") for f in os.listdir(base))
        ) else "jsonl"
    if input_format == "parquet":
        return spark.read.parquet(path)
    # Every field as a string: the JSON text of a number (an id, Unix seconds) is kept
    # and read as `herald code` reads it; no pass over the data to infer a schema.
    schema = "id string, text string, date string, title string, url string, source string"
    return spark.read.schema(schema).option("mode", "PERMISSIVE").json(path)


def _report_jvm(spark) -> None:
    """With $HERALD_SPARK_REPORT: the CPU time and peak memory of the local JVM (the
    driver, and the executors in local mode), for measuring."""
    try:
        pid = spark.sparkContext._gateway.proc.pid  # the JVM pyspark launched
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        cpu = (int(fields[11]) + int(fields[12])) / ticks
        with open(f"/proc/{pid}/status") as f:
            peak = next((line.split()[1] for line in f if line.startswith("VmHWM")), "?")
        print(f"herald.spark: JVM pid {pid} CPU {cpu:.2f} s, peak RSS {int(peak) // 1024} MiB", file=sys.stderr)
    except (AttributeError, OSError, ValueError, StopIteration) as e:
        print(f"herald.spark: JVM not measured ({e})", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """``python -m herald.spark INPUT OUTPUT``: code articles on Spark, write events
    partitioned by month."""
    ap = argparse.ArgumentParser(
        prog="python -m herald.spark",
        description="Code news articles with herald on Apache Spark; write their events "
        "partitioned by month (month=YYYY-MM, month=undated).",
    )
    ap.add_argument("input", help="articles: JSON Lines (.jsonl, .jsonl.gz) or Parquet; file, folder or glob")
    ap.add_argument("output", help="output folder (replaced when it exists)")
    ap.add_argument("--master", default=None, help="Spark master, e.g. local[2] (default: spark-submit's)")
    ap.add_argument("--format", choices=["parquet", "jsonl"], default="parquet", help="output format (default parquet)")
    ap.add_argument("--input-format", choices=["auto", "jsonl", "parquet"], default="auto")
    ap.add_argument("--dictionaries", default=None, help="dictionary folder (on every executor)")
    ap.add_argument("--no-parse", action="store_true", help="do not parse sentences (faster)")
    ap.add_argument("--no-knowledge", action="store_true", help="skip times, quotes, names, places, tone")
    ap.add_argument("--strict", action="store_true", help="fail on a bad article instead of skipping it")
    ap.add_argument(
        "--partitions",
        type=int,
        default=None,
        help="repartition the articles into N partitions first (default: only when there "
        "are fewer than two per core, to one per core)",
    )
    args = ap.parse_args(argv)

    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    if (args.master or "").startswith("local") and "PYSPARK_PYTHON" not in os.environ:
        # Local workers are this machine's: run them with this interpreter, which has
        # herald installed (Spark's default is whatever `python3` is on PATH).
        os.environ["PYSPARK_PYTHON"] = sys.executable
    # No console progress bar: it would share lines with the report.
    builder = SparkSession.builder.appName("herald").config("spark.ui.showConsoleProgress", "false")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    try:
        articles = _read_articles(spark, args.input, args.input_format)
        # A small input comes as one partition, or as a few of very unequal size (Spark
        # splits files at 4 MB or more: 1,000 articles became 828 + 172), which leaves
        # cores idle; spread it evenly over the cores (round robin). Large inputs have
        # many partitions, whose sizes even out.
        cores = spark.sparkContext.defaultParallelism
        if args.partitions:
            articles = articles.repartition(args.partitions)
        elif articles.rdd.getNumPartitions() < 2 * cores:
            articles = articles.repartition(cores)
        n = articles.count()
        options: dict[str, Any] = {}
        if args.dictionaries:
            options["dictionaries"] = args.dictionaries
        if args.no_parse:
            options["parse"] = False
        if args.no_knowledge:
            options["knowledge"] = False
        started = time.monotonic()
        events = code_dataframe(articles, errors="raise" if args.strict else "skip", **options)
        events = events.withColumn("month", F.coalesce(F.substring("day", 1, 7), F.lit("undated")))
        writer = events.write.mode("overwrite").partitionBy("month")
        if args.format == "parquet":
            writer.parquet(args.output)
        else:
            writer.json(args.output)
        elapsed = time.monotonic() - started
        written = spark.read.parquet(args.output) if args.format == "parquet" else spark.read.json(args.output)
        m = written.count()
        if os.environ.get("HERALD_SPARK_REPORT"):
            _report_jvm(spark)
        print(
            f"herald.spark: coded {n} article(s) into {m} event(s) in {elapsed:.1f} s "
            f"({n / elapsed if elapsed else 0:.1f} articles/s), written to {args.output}",
            file=sys.stderr,
        )
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
