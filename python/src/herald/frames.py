"""pandas DataFrames of herald's output: one row per event, and GDELT 2.0 event rows.

Both take documents as :meth:`herald.Pipeline.code` / ``code_batch`` return them (the
JSON objects of ``herald code``; dicts read from its JSON Lines work too). The output
holds spans, not the article text, so the columns that need the text (``evidence``,
``sentence_text``, GDELT's ``IsRootEvent``) are filled only when ``texts`` is given:
a sequence aligned with ``docs``, or a mapping from document id to text.

pandas is imported when a frame is made, so ``import herald`` does not need it.
"""

from __future__ import annotations

import datetime as _dt
import math
from typing import Any, Iterable, Mapping, Sequence

# (name, kind) of every column of events_frame, in order. Kinds: "str", "int" (nullable
# integer), "float", "bool". herald.spark derives its Spark schema from this list.
EVENT_COLUMNS: list[tuple[str, str]] = [
    ("doc_id", "str"),  # the document's id
    ("doc_date", "str"),  # publication date YYYY-MM-DD, or null
    ("event", "int"),  # index of the event in the document's "events"
    ("day", "str"),  # the event's day as herald's store keys it (below), or null
    ("source_code", "str"),
    ("source_text", "str"),
    ("source_start", "int"),  # byte span of the source's evidence
    ("source_end", "int"),
    ("source_implied", "bool"),  # source not named but implied ("were arrested")
    ("target_code", "str"),  # null for one-actor events
    ("target_text", "str"),
    ("target_start", "int"),
    ("target_end", "int"),
    ("code", "str"),  # CAMEO event code
    ("root", "str"),  # CAMEO root
    ("name", "str"),  # CAMEO name of the code
    ("plover_type", "str"),
    ("plover_mode", "str"),
    ("goldstein", "float"),
    ("quad_class", "int"),
    ("modality", "str"),
    ("negated", "bool"),
    ("confidence", "float"),  # the event model's probability of the type, else null
    ("decided_by", "str"),  # "rules", "model" or "both" with the event model, else null
    ("date", "str"),  # the event's own date, TimeML value
    ("date_source", "str"),
    ("sentence", "int"),  # index into the document's "sentences"
    ("span_start", "int"),  # byte span of the evidence (source, verb, target)
    ("span_end", "int"),
    ("pattern", "str"),  # the dictionary rule that fired
    ("reported_by_code", "str"),
    ("reported_by_text", "str"),
    ("location_text", "str"),  # where it happened (the event's "location"), or null
    ("location_country", "str"),  # ISO3
    ("location_lat", "float"),
    ("location_lon", "float"),
    ("location_geonameid", "int"),
    ("evidence", "str"),  # the text of span_start..span_end (needs texts)
    ("sentence_text", "str"),  # the text of the event's sentence (needs texts)
]

# The GDELT 2.0 Event table's 61 columns, in order, named as herald-store's README lists
# them for `herald export --format gdelt-events` (that export writes no header line).
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
_ACTOR = [
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
]
GDELT_EVENT_COLUMNS: list[str] = (
    ["GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{c}" for c in _ACTOR]
    + [f"Actor2{c}" for c in _ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale"]
    + ["NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{c}" for c in _GEO]
    + [f"Actor2Geo_{c}" for c in _GEO]
    + [f"ActionGeo_{c}" for c in _GEO]
    + ["DATEADDED", "SOURCEURL"]
)
assert len(GDELT_EVENT_COLUMNS) == 61

_GDELT_INT = {
    "GlobalEventID", "Day", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions",
    "NumSources", "NumArticles", "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type",
    "Actor1Geo_FeatureID", "Actor2Geo_FeatureID", "ActionGeo_FeatureID", "DATEADDED",
}  # fmt: skip
_GDELT_FLOAT = {
    "FractionDate", "GoldsteinScale", "AvgTone", "Actor1Geo_Lat", "Actor1Geo_Long",
    "Actor2Geo_Lat", "Actor2Geo_Long", "ActionGeo_Lat", "ActionGeo_Long",
}  # fmt: skip


def _texts_for(docs: list[Mapping[str, Any]], texts: Any) -> list[str | None]:
    if texts is None:
        return [None] * len(docs)
    if isinstance(texts, Mapping):
        return [texts.get(d.get("id")) for d in docs]
    texts = list(texts)
    if len(texts) != len(docs):
        raise ValueError(f"texts has {len(texts)} items for {len(docs)} documents")
    return texts


class _Text:
    """An article's text with its UTF-8 bytes, for slicing byte spans."""

    def __init__(self, text: str | None):
        self.text = text
        self.raw = text.encode("utf-8") if text is not None else None

    def slice(self, span: Sequence[int] | None) -> str | None:
        if self.raw is None or not span:
            return None
        return self.raw[span[0] : span[1]].decode("utf-8", errors="replace")


def event_day(event: Mapping[str, Any], published: str | None) -> str | None:
    """The day herald's store files an event under: its own date when that names a day
    (``2023-03-17``, ``2023-03-17T10:00``), else the publication day, else None."""
    d = event.get("date")
    if isinstance(d, str) and len(d) >= 10:
        try:
            _dt.date.fromisoformat(d[:10])
            return d[:10]
        except ValueError:
            pass
    return published


def _known_event_keys() -> set[str]:
    return {
        "source", "target", "code", "root", "name", "goldstein", "quad_class", "plover",
        "date", "date_source", "sentence", "span", "pattern", "modality", "negated",
        "reported_by", "location", "confidence", "decided_by",
    }  # fmt: skip


def _event_rows(docs: Iterable[Mapping[str, Any]], texts: Any) -> tuple[list[dict], list[str]]:
    docs = list(docs)
    known = _known_event_keys()
    extras: list[str] = []  # scalar event fields herald may add later, in order seen
    rows: list[dict] = []
    for doc, text in zip(docs, _texts_for(docs, texts)):
        t = _Text(text)
        sentences = doc.get("sentences") or []
        for i, ev in enumerate(doc.get("events") or []):
            src = ev.get("source") or {}
            tgt = ev.get("target") or {}
            plover = ev.get("plover") or {}
            rep = ev.get("reported_by") or {}
            loc = ev.get("location") or {}
            span = ev.get("span") or [None, None]
            sent = ev.get("sentence")
            conf = ev.get("confidence")
            row = {
                "doc_id": doc.get("id"),
                "doc_date": doc.get("date"),
                "event": i,
                "day": event_day(ev, doc.get("date")),
                "source_code": src.get("code"),
                "source_text": src.get("text"),
                "source_start": (src.get("span") or [None, None])[0],
                "source_end": (src.get("span") or [None, None])[1],
                "source_implied": bool(src.get("implied", False)),
                "target_code": tgt.get("code"),
                "target_text": tgt.get("text"),
                "target_start": (tgt.get("span") or [None, None])[0],
                "target_end": (tgt.get("span") or [None, None])[1],
                "code": ev.get("code"),
                "root": ev.get("root"),
                "name": ev.get("name"),
                "plover_type": plover.get("type"),
                "plover_mode": plover.get("mode"),
                "goldstein": ev.get("goldstein"),
                "quad_class": ev.get("quad_class"),
                "modality": ev.get("modality"),
                "negated": bool(ev.get("negated", False)),
                "confidence": float(conf) if isinstance(conf, (int, float)) else None,
                "decided_by": ev.get("decided_by"),
                "date": ev.get("date"),
                "date_source": ev.get("date_source"),
                "sentence": sent,
                "span_start": span[0],
                "span_end": span[1],
                "pattern": ev.get("pattern"),
                "reported_by_code": rep.get("code"),
                "reported_by_text": rep.get("text"),
                "location_text": loc.get("text"),
                "location_country": loc.get("country"),
                "location_lat": loc.get("lat"),
                "location_lon": loc.get("lon"),
                "location_geonameid": loc.get("geonameid"),
                "evidence": t.slice(span) if span[0] is not None else None,
                "sentence_text": (
                    t.slice(sentences[sent])
                    if isinstance(sent, int) and 0 <= sent < len(sentences)
                    else None
                ),
            }
            for k, v in ev.items():
                if k not in known and (v is None or isinstance(v, (str, int, float, bool))):
                    if k not in extras:
                        extras.append(k)
                    row[k] = v
            rows.append(row)
    return rows, extras


def _frame(rows: list[dict], columns: list[tuple[str, str]]):
    import pandas as pd

    data = {}
    for name, kind in columns:
        values = [r.get(name) for r in rows]
        if kind == "int":
            data[name] = pd.array(values, dtype="Int64")
        elif kind == "float":
            data[name] = pd.array(
                [math.nan if v is None else float(v) for v in values], dtype="float64"
            )
        elif kind == "bool":
            data[name] = pd.array(values, dtype="boolean")
        else:
            data[name] = pd.Series(values, dtype="object")
    return pd.DataFrame(data, columns=[c for c, _ in columns])


def events_frame(docs: Iterable[Mapping[str, Any]], texts: Any = None):
    """One row per event of ``docs``: a pandas DataFrame with the columns of
    :data:`EVENT_COLUMNS` (documented in python/README.md), in that order.

    Spans are byte offsets as in the output; ``evidence`` and ``sentence_text`` hold
    the text they cover when ``texts`` is given (a sequence aligned with ``docs``, or a
    mapping from id to text). ``confidence`` is the event's ``confidence`` where the
    output has one, else NaN. Scalar event fields that herald adds and this list does not
    name yet come after these columns, under their own names. Negated and hypothetical
    events are rows too when the pipeline kept them (``keep_negated``,
    ``keep_hypothetical``); filter on ``negated`` / ``modality``.
    """
    rows, extras = _event_rows(docs, texts)
    return _frame(rows, EVENT_COLUMNS + [(x, "object") for x in extras])


# CAMEO role and religion codes (herald-store's actor split, for the GDELT columns).
_TYPES = set(
    "GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL LAB LEG HLH REF MOD RAD AGR DEV ELI "
    "ENV HRI IGO NGO NGM INS SEP UAF IMG MNC SET UIS ACT".split()
)
_RELIGIONS = set(
    "ADR ALE ATH BAH BUD CHR CON CPT CTH DOX ENG EVA HIN JAN JEW JHW LDS MOS MRN NRM PAG PRO "
    "SFI SHI SHN SIK SUN TAO UDX ZRO".split()
)
_GROUP_HOLDERS = {"IGO", "NGO", "NGM", "IMG", "MNC"}


def split_actor_code(code: str) -> dict[str, str]:
    """GDELT's attribute columns of a CAMEO actor code (as ``herald export`` splits it):
    ``country``, ``known_group``, ``ethnic``, ``religion1``, ``religion2``, ``type1..3``."""
    code = (code or "").strip()
    chunks = [code[i * 3 : i * 3 + 3] for i in range(len(code) // 3)]
    p = dict.fromkeys(
        ["country", "known_group", "ethnic", "religion1", "religion2", "type1", "type2", "type3"],
        "",
    )
    i = 0
    if chunks:
        first = chunks[0]
        is_role = first in _TYPES or first in _RELIGIONS
        # Region codes (AFR, EUR, WST) are country-like in GDELT's columns too.
        if not is_role and all("A" <= c <= "Z" for c in first):
            p["country"] = first
            i = 1
    ntypes = 0
    after_group_holder = False
    while i < len(chunks):
        c = chunks[i]
        if after_group_holder and not p["known_group"] and c not in _TYPES:
            p["known_group"] = c
            after_group_holder = False
        elif c in _RELIGIONS:
            if not p["religion1"]:
                p["religion1"] = c
            elif not p["religion2"]:
                p["religion2"] = c
        elif c in _TYPES:
            if ntypes < 3:
                ntypes += 1
                p[f"type{ntypes}"] = c
            after_group_holder = c in _GROUP_HOLDERS
        elif not p["known_group"]:
            p["known_group"] = c
        i += 1
    return p


def _clean(s: str | None) -> str | None:
    """As the TSV exports write a field: control characters become spaces, double quotes
    single quotes."""
    if s is None:
        return None
    return "".join(
        "'" if c == '"' else (" " if (ord(c) < 32 or 127 <= ord(c) < 160) else c) for c in s
    )


def _contains(outer: Sequence[int], inner: Sequence[int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _event_locations(doc: Mapping[str, Any], ev: Mapping[str, Any]):
    """GDELT's three geo slots, chosen as herald's store chooses them: a place of the
    article in each actor's country, and the place of the event's sentence nearest the
    event's words (else one in the source's country in that sentence)."""
    locs = doc.get("locations") or []
    sentences = doc.get("sentences") or []
    s = ev.get("sentence")
    sent = sentences[s] if isinstance(s, int) and 0 <= s < len(sentences) else None

    def in_sentence(loc):
        return sent is not None and _contains(sent, loc["span"])

    def find_country(code, only_sentence):
        c = (code or "")[:3]
        if len(c) < 3:
            return None
        for loc in locs:
            if (not only_sentence or in_sentence(loc)) and loc.get("country") == c:
                return loc
        return None

    src = (ev.get("source") or {}).get("code")
    a1 = find_country(src, False)
    tgt = ev.get("target")
    a2 = find_country(tgt.get("code"), False) if tgt else None
    start, end = ev["span"]

    def dist(loc):
        ls, le = loc["span"]
        return start - le if le <= start else max(ls - end, 0)

    near = [loc for loc in locs if in_sentence(loc)]
    action = min(near, key=dist) if near else find_country(src, True)
    return a1, a2, action


def _geo(loc: Mapping[str, Any] | None) -> list:
    if not loc:
        return [None] * 8
    fips = loc.get("fips")
    us = fips == "US"
    kind = loc.get("kind")
    t = 1 if kind == "country" else (2 if us else 5) if kind == "region" else (3 if us else 4)
    adm1 = loc.get("adm1")
    if fips and adm1 and t != 1:
        adm1_code = f"{fips}{adm1}"
    else:
        adm1_code = fips or None
    lat, lon = loc.get("lat"), loc.get("lon")
    return [
        t,
        _clean(loc.get("text")),
        fips,
        adm1_code,
        None,  # ADM2: the gazetteer has no second-level codes
        round(lat, 4) if lat is not None else None,
        round(lon, 4) if lon is not None else None,
        loc.get("geonameid"),
    ]


def _fraction_date(day: str) -> float | None:
    try:
        y, m, d = int(day[0:4]), int(day[5:7]), int(day[8:10])
    except (TypeError, ValueError):
        return None
    return round(y + (m * 30 + d) / 365, 4)


def gdelt_frame(
    docs: Iterable[Mapping[str, Any]],
    texts: Any = None,
    date_added: _dt.datetime | None = None,
):
    """GDELT 2.0 Event table rows for ``docs``: a pandas DataFrame whose 61 columns are
    named and filled as ``herald export --format gdelt-events`` fills them
    (:data:`GDELT_EVENT_COLUMNS`), one row per non-negated event.

    ``herald export`` writes deduplicated records of a store; here every event is its
    own row: ``GlobalEventID`` numbers the rows from 1, ``NumMentions``,
    ``NumSources`` and ``NumArticles`` are 1, ``AvgTone`` is the article's tone,
    ``DATEADDED`` is ``date_added`` (default: now, UTC) as YYYYMMDDHHMMSS.
    ``IsRootEvent`` (the event is in the first paragraph) needs the text: it is null
    unless ``texts`` is given. Text fields are cleaned as in the TSV export (control
    characters to spaces, double quotes to single quotes); empty fields are null.
    """
    docs = list(docs)
    stamp = (date_added or _dt.datetime.now(_dt.timezone.utc)).strftime("%Y%m%d%H%M%S")
    rows = []
    n = 0
    for doc, text in zip(docs, _texts_for(docs, texts)):
        first_para = None
        if text is not None:
            from ._herald import paragraphs

            paras = paragraphs(text)
            first_para = paras[0] if paras else (0, 0)
        sentences = doc.get("sentences") or []
        tone = (doc.get("tone") or {}).get("tone")
        for ev in doc.get("events") or []:
            if ev.get("negated"):
                continue
            n += 1
            day = event_day(ev, doc.get("date"))
            compact = day.replace("-", "") if day else None
            f: list = [n, compact, compact[:6] if compact else None, compact[:4] if compact else None]
            f.append(_fraction_date(day) if day else None)
            for ref in (ev.get("source"), ev.get("target")):
                code = (ref or {}).get("code") or ""
                p = split_actor_code(code)
                f += [_clean(code), _clean((ref or {}).get("text") or "")]
                f += [p[k] for k in ("country", "known_group", "ethnic", "religion1", "religion2")]
                f += [p["type1"], p["type2"], p["type3"]]
            s = ev.get("sentence")
            if first_para is None or not (isinstance(s, int) and 0 <= s < len(sentences)):
                f.append(None)
            else:
                f.append(int(first_para[0] <= sentences[s][0] < max(first_para[1], first_para[0] + 1)))
            code = ev.get("code") or ""
            f += [_clean(code), _clean(code[:3]), _clean(ev.get("root") or ""), ev.get("quad_class")]
            g = ev.get("goldstein")
            f.append(round(float(g), 1) if g is not None else None)
            f += [1, 1, 1, round(float(tone), 4) if tone is not None else None]
            for loc in _event_locations(doc, ev):
                f += _geo(loc)
            f += [int(stamp), _clean(doc.get("url")) or None]
            rows.append([None if v == "" else v for v in f])
    import pandas as pd

    frame = pd.DataFrame(rows, columns=GDELT_EVENT_COLUMNS, dtype=object)
    for c in GDELT_EVENT_COLUMNS:
        if c in _GDELT_INT:
            frame[c] = pd.array([None if v is None else int(v) for v in frame[c]], dtype="Int64")
        elif c in _GDELT_FLOAT:
            frame[c] = pd.array(
                [math.nan if v is None else float(v) for v in frame[c]], dtype="float64"
            )
    return frame
