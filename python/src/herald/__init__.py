"""herald: political event data from news text (CAMEO, PLOVER, GDELT), in Python.

The coding runs in herald's Rust pipeline, through the same batch entry as the
``herald code`` command, so a document coded here is exactly the JSON object that
``herald code`` writes for it (see ``docs/output.md``).

    >>> import herald
    >>> p = herald.Pipeline()
    >>> doc = p.code("Russia invaded Ukraine.", date="2022-02-24")
    >>> doc["events"][0]["code"]
    '192'

Spans in the output are UTF-8 **byte** offsets; :func:`char_span` turns one into
Python string indices, :func:`evidence` slices the text.
"""

from __future__ import annotations

import json
import os
import warnings
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping, Sequence

from . import _herald
from ._herald import CodingError, char_offsets, data_dir, normalize_date, paragraphs

__all__ = [
    "Pipeline",
    "RecordError",
    "HeraldWarning",
    "CodingError",
    "char_offsets",
    "char_span",
    "evidence",
    "paragraphs",
    "normalize_date",
    "data_dir",
    "events_frame",
    "gdelt_frame",
    "EVENT_COLUMNS",
    "GDELT_EVENT_COLUMNS",
    "DEFAULT_CHUNK",
    "__version__",
]

__version__: str = _herald.__version__

# The dictionaries and models travel inside the package (herald/data); the extension
# reads them from there unless $HERALD_DATA names another folder.
_PACKAGED_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
if os.path.isdir(_PACKAGED_DATA):
    _herald._set_data_dir(_PACKAGED_DATA)

#: Records coded per trip into Rust when a batch does not say: herald-pipeline's
#: ``DEFAULT_CHUNK``, the chunk ``herald code`` streams with.
DEFAULT_CHUNK: int = _herald.DEFAULT_CHUNK


class HeraldWarning(UserWarning):
    """A record of a batch skipped with ``errors="skip"`` (the message names it)."""


@dataclass(frozen=True)
class RecordError:
    """A record of :meth:`Pipeline.code_batch` that was not coded.

    ``index`` is its position in the input (0-based), ``id`` its id when it could be
    read, ``kind`` is ``"bad"`` (not an article: no text, text not a str, a lone
    surrogate, an unrecognised date, …) or ``"failed"`` (the pipeline could not code
    it: a bug, or over the CPU budget), and ``message`` says why, naming the record.
    """

    index: int
    id: str | None
    kind: str
    message: str


class Pipeline(_herald.Pipeline):
    """herald's pipeline, loaded once and reused for every article.

    ``Pipeline(dictionaries=None, jobs=None, **options)``

    ``dictionaries`` is a folder of PETRARCH or herald dictionaries (default: herald's
    own, shipped in the package). ``jobs`` is the number of worker threads for
    :meth:`code_batch` when a call names none (default: one per core).

    Keyword options, the same as ``herald code``'s flags and with the same defaults:
    ``model`` (syntax model file; default the shipped ``data/models/en_ewt.model``),
    ``parse`` (False = ``--no-parse``), ``knowledge`` (False = ``--no-knowledge``),
    ``require_dyad``, ``keep_negated``, ``keep_hypothetical``, ``intent_codes``
    (False = ``--no-intent-codes``), ``actors_from`` (``"words"`` or ``"parse"``),
    ``comma_min``, ``comma_max``, ``comma_bmin``, ``comma_bmax``, ``comma_emin``,
    ``comma_emax``, ``new_actor_length``, ``max_sentences``, ``max_sentence_bytes``,
    ``max_coded_bytes``, ``max_cpu_per_article`` (seconds). An unknown option raises
    TypeError; a dictionary folder or model that cannot be loaded raises ValueError.

    A Pipeline is safe to share between threads: coding releases the GIL.
    """

    def code(
        self,
        text: str,
        date: Any = None,
        id: str | int | None = None,
        title: str | None = None,
        url: str | None = None,
        source: str | None = None,
    ) -> dict[str, Any]:
        """Code one article; returns the document object of ``herald code``.

        ``date`` is the publication date: ``"YYYY-MM-DD"`` or any layout ``herald code``
        reads in JSON Lines, a ``datetime.date``/``datetime``, Unix seconds, or None
        (undated). ``id`` defaults to ``"0"``. Raises ValueError for a bad argument
        (text not a str or blank, a lone surrogate, an unrecognised date) and
        :class:`CodingError` when the pipeline fails on the article.
        """
        return json.loads(self.code_json(text, date, id, title, url, source))

    def code_batch(
        self,
        records: Iterable[Mapping[str, Any]],
        jobs: int | None = None,
        errors: str = "raise",
        skipped: list[RecordError] | None = None,
        chunk: int = DEFAULT_CHUNK,
    ) -> Iterator[dict[str, Any]]:
        """Code many articles in parallel; yield their document objects in input order.

        Each record is a dict (or any mapping with ``.get``) with ``"text"`` and,
        optionally, ``"id"`` (default: the record's 0-based position, as a string),
        ``"date"``, ``"title"``, ``"url"``, ``"source"``; other keys are ignored, and
        None or NaN count as absent. Records are read ``chunk`` at a time and each
        chunk is coded by the pipeline's batch entry on ``jobs`` threads (default: the
        pipeline's ``jobs``, else one per core) with the GIL released.

        ``errors="raise"`` (default): a bad record raises ValueError naming it (its
        position and id), an article the pipeline fails on raises :class:`CodingError`;
        the results before it have been yielded. ``errors="skip"``: such records are
        not yielded; each is reported with a :class:`HeraldWarning` and, when
        ``skipped`` is a list, appended to it as a :class:`RecordError`. Nothing is
        dropped silently.
        """
        if errors not in ("raise", "skip"):
            raise ValueError(f'errors must be "raise" or "skip", not {errors!r}')
        if chunk < 1:
            raise ValueError(f"chunk must be at least 1, not {chunk!r}")
        if jobs is not None and jobs < 1:
            raise ValueError(f"jobs must be at least 1, not {jobs!r}")
        if isinstance(records, (str, bytes, Mapping)):
            raise TypeError("code_batch takes an iterable of records (dicts), not one record")
        it = iter(records)
        first = 0
        while True:
            batch = []
            for rec in it:
                batch.append(rec)
                if len(batch) == chunk:
                    break
            if not batch:
                return
            results = self._code_records(batch, first, jobs)
            for offset, (kind, rid, payload) in enumerate(results):
                if kind == "ok":
                    yield json.loads(payload)
                    continue
                index = first + offset
                if errors == "raise":
                    if kind == "bad":
                        raise ValueError(payload)
                    raise CodingError(f"record {index}: {payload}")
                err = RecordError(index, rid, kind, payload if kind == "bad" else f"record {index}: {payload}")
                if skipped is not None:
                    skipped.append(err)
                warnings.warn(f"herald: skipped {err.message}", HeraldWarning, stacklevel=2)
            first += len(batch)


def char_span(text: str, span: Sequence[int]) -> tuple[int, int]:
    """The Python string indices ``(i, j)`` of a herald ``[start, end]`` byte span of
    ``text``, so that ``text[i:j]`` is the evidence. Raises ValueError for a span that
    is outside the text or cuts a character."""
    if len(span) != 2:
        raise ValueError(f"a span is [start, end], not {span!r}")
    i, j = char_offsets(text, [int(span[0]), int(span[1])])
    return i, j


def evidence(text: str, span: Sequence[int]) -> str:
    """The part of ``text`` a herald byte span covers."""
    i, j = char_span(text, span)
    return text[i:j]


from .frames import EVENT_COLUMNS, GDELT_EVENT_COLUMNS, events_frame, gdelt_frame  # noqa: E402
