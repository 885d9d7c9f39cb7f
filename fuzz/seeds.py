#!/usr/bin/env python3
"""Write the seed corpora of herald's fuzz targets into fuzz/seeds/TARGET/.

Seeds come from ../shared/data (real pages, feeds, crawls, dictionaries, treebanks and
news) when it is there, and from the repository (fixtures, herald's own dictionaries,
hand-made hostile inputs) always. Each seed is cut to the target's max_len, and each
target gets at most a few hundred: a seed corpus is a starting point, not a copy of the
data. Usage: seeds.py OUTDIR TARGET=MAXLEN...
"""
import gzip
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(REPO), "shared", "data")
CORPUS = os.path.join(SHARED, "corpus")


def files_under(*parts):
    root = os.path.join(*parts)
    out = []
    for dirpath, _, names in os.walk(root):
        out.extend(os.path.join(dirpath, n) for n in names)
    return sorted(out)


def read(path, limit=64 << 20):
    with open(path, "rb") as f:
        data = f.read(limit)
    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=open(path, "rb")) as g:
                data = g.read(limit)
        except (OSError, EOFError):
            pass
    return data


def chunks(lines, size, boundary=None):
    """Group lines into pieces of at most `size` bytes, starting a piece at `boundary`
    lines (verb blocks) when one is given and the piece is not empty."""
    piece = b""
    for line in lines:
        if piece and (len(piece) + len(line) > size or (boundary and boundary(line) and len(piece) > size // 4)):
            yield piece
            piece = b""
        piece += line[:size]
    if piece:
        yield piece


def spread(items, n):
    """At most n items, taken evenly through the list."""
    items = list(items)
    if len(items) <= n:
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


HOSTILE_HTML = [
    b"<p>x</p>" + b"<b>" * 3000,
    b"<html><body>" + b"<div>" * 2000 + b"<p>Deep text of the article goes here.</p>" + b"</div>" * 2000,
    b"<table><tr><td>" * 500 + b"cell",
    b"<!DOCTYPE html><html><head><title>T</title><meta charset=\"windows-1252\"></head><body><article><h1>Headline</h1><p>\xe9t\xe9 text of the story, long enough to be an article body.</p></article></body></html>",
    b"<html><body><article><p>" + "Ünïcødé ✓ — “quotes”. ".encode() * 20 + b"</p></article></body></html>",
    b"<svg><foreignObject><math><mi><table><template><p>in template</p></template></table></mi></math></foreignObject></svg>",
]

HOSTILE_JSONL = [
    b'{"id":"1","text":"Russia met China.","date":"November 20, 2019 13:42"}\n',
    b'{"text":"Police arrested 40 protesters.","date":"Nov 20, 2019 1:42 PM","title":7}\n',
    b'{"text":"A story.","date":1574257320,"url":["x"]}\n{"text":"Another.","date":"Wed, 20 Nov 2019 13:42:00 +0100"}\n',
    b'{"text":"ISO.","date":"2019-11-20T13:42:00-05:00"}\n{"text":"","date":"2019-02-30"}\nnot json\n[1,2]\n',
    b'{"text":"x","date":-99999999999999}\n{"text":"y","date":1e300}\n{"text":"z","date":"0000-00-00"}\n',
    b'{"text":"' + b"\\ud800" * 4 + b'"}\n{"text":"a\\u0000b"}\n',
]

HOSTILE_DICT = [
    b"WALK\n- [010] " + b"(" * 100 + b" * " + b")" * 100 + b" # deep\n",
    b"--- SAY [010] ---\nSAY\n- * {A | B | (C D)} [011]\n- $ * + [---]\n",
    b"RUSSIA [RUS]\n+RUSSIAN\n[RUSGOV 900101-991231]\n",
    b"BUSH_ [USAGOV]\n\t[USAELI >20090120]\n\t[USAGOV 20010120-20090120]\n",
]


def html_seeds():
    for path in spread(files_under(CORPUS, "html-articles", "html"), 40):
        yield read(path)
    for path in files_under(REPO, "crates", "herald-ingest", "tests"):
        if path.endswith((".html", ".htm")):
            yield read(path)
    yield from HOSTILE_HTML


def feed_seeds():
    for path in files_under(CORPUS, "feeds-rss-atom"):
        if not path.endswith(".serde.json") and "LICENSE" not in path:
            yield read(path)


def warc_seeds(max_len):
    for path in files_under(CORPUS, "warc"):
        if "LICENSE" in path:
            continue
        data = read(path, 8 << 20)
        if len(data) > max_len:
            # A big crawl: its first records, plain and gzipped.
            head = data[:max_len]
            yield head
            yield gzip.compress(head[: max_len // 2])
        else:
            yield data
        with open(path, "rb") as f:
            raw = f.read(max_len)
        if raw != data[: len(raw)]:
            yield raw  # the gzipped file as it is


def jsonl_seeds():
    for name in ("bbc-2004-2005.jsonl", "tempeval3-train.jsonl"):
        path = os.path.join(CORPUS, name)
        if os.path.exists(path):
            with open(path, "rb") as f:
                lines = [next(f, b"") for _ in range(40)]
            for i in range(0, len(lines), 4):
                yield b"".join(shorten_json_line(l) for l in lines[i : i + 4])
    yield from HOSTILE_JSONL


def shorten_json_line(line):
    try:
        rec = json.loads(line)
    except ValueError:
        return line
    if isinstance(rec.get("text"), str):
        rec["text"] = rec["text"][:1500]
    return (json.dumps(rec, ensure_ascii=False) + "\n").encode()


def dict_seeds(paths_and_kinds, max_len, per_file):
    for path, kind in paths_and_kinds:
        if not os.path.exists(path):
            continue
        with open(path, "rb") as f:
            lines = f.readlines()
        boundary = (lambda l: l.startswith(b"---")) if kind_is_verbs(path) else None
        for piece in spread(chunks(lines, max_len - 1, boundary), per_file):
            yield bytes([kind]) + piece


def kind_is_verbs(path):
    name = os.path.basename(path).lower()
    return name.endswith(".verbs") or "verbs" in name or name.startswith("cameo")


def dict_herald_seeds(max_len):
    kinds = {".actors": 0, ".agents": 1, ".discards": 2, ".nouns": 3, ".verbs": 4}
    d = os.path.join(REPO, "data", "dictionaries", "herald")
    files = [(os.path.join(d, n), kinds[os.path.splitext(n)[1]]) for n in sorted(os.listdir(d))
             if os.path.splitext(n)[1] in kinds]
    yield from dict_seeds(files, max_len, 12)
    for i, h in enumerate(HOSTILE_DICT):
        yield bytes([i % 5]) + h
        yield bytes([4]) + h


def dict_petrarch_seeds(max_len):
    files = []
    for sub in ("phoenix", "petrarch-validate"):
        for path in files_under(SHARED, "dictionaries", sub):
            n = os.path.basename(path).lower()
            if "ontology" in n:
                continue
            kind = 0 if "actors" in n else 1 if "agents" in n else 2 if "discard" in n else 3
            files.append((path, kind))
    yield from dict_seeds(files, max_len, 15)
    for i, h in enumerate(HOSTILE_DICT):
        yield bytes([i % 4]) + h
        yield bytes([3]) + h


def dates_seeds():
    path = os.path.join(CORPUS, "tempeval3-train.jsonl")
    made = 0
    if os.path.exists(path):
        import datetime
        base = datetime.date(1950, 1, 1)
        with open(path, "rb") as f:
            for line in f:
                rec = json.loads(line)
                try:
                    days = (datetime.date.fromisoformat(rec["date"][:10]) - base).days
                except (KeyError, TypeError, ValueError):
                    days = 0xFFFF
                anchor = max(0, min(days, 0xFFFF)).to_bytes(2, "little")
                text = rec.get("text") or ""
                for t in (rec.get("timex3") or [])[:3]:
                    at = text.find(t.get("text", "\0"))
                    if at >= 0:
                        yield anchor + text[max(0, at - 80) : at + 120].encode()
                        made += 1
                if made > 300:
                    break
    for s in ("on Thursday", "Feb. 24", "next week", "two years ago", "the 1990s", "every Monday",
              "March 17, 2023 at 10:30 p.m.", "1998-01-08T10:00", "late last year", "Q3 2021"):
        yield b"\x10\x4e" + s.encode()


def conllu_seeds(max_len):
    sources = [os.path.join(SHARED, "ud", "en_ewt-ud-dev.conllu"),
               os.path.join(SHARED, "ud", "en_gum-news-speech-ud-dev.conllu"),
               os.path.join(REPO, "crates", "herald-syntax", "tests", "fixtures", "tiny.conllu")]
    for path in sources:
        if not os.path.exists(path):
            continue
        with open(path, "rb") as f:
            sents = f.read().split(b"\n\n")
        groups = [b"\n\n".join(sents[i : i + 3]) + b"\n\n" for i in range(0, len(sents), 3)]
        for g in spread(groups, 60):
            yield g[:max_len]


def pipeline_seeds(max_len):
    path = os.path.join(SHARED, "seed", "xi-russia-visit.txt")
    if os.path.exists(path):
        with open(path, "rb") as f:
            for para in f.read().split(b"\n\n"):
                yield para[:max_len]
    path = os.path.join(CORPUS, "bbc-2004-2005.jsonl")
    if os.path.exists(path):
        with open(path, "rb") as f:
            lines = [next(f, b"") for _ in range(300)]
        for line in spread(lines, 40):
            try:
                yield json.loads(line)["text"].encode()[:max_len]
            except (ValueError, KeyError):
                pass
    path = os.path.join(SHARED, "eval", "petrarch-unittest.dev.jsonl")
    if os.path.exists(path):
        with open(path, "rb") as f:
            for line in spread(f.readlines(), 40):
                yield json.loads(line)["text"].encode()[:max_len]
    yield b"KYIV, Ukraine \xe2\x80\x94 Police in Lagos arrested 40 protesters on Monday, officials said."
    yield b"\"We will not accept it,\" said Chinese President Xi Jinping, who met Putin and Biden."


def generate(target, max_len):
    if target == "html":
        return html_seeds()
    if target == "feed":
        return feed_seeds()
    if target == "warc":
        return warc_seeds(max_len)
    if target == "jsonl":
        return jsonl_seeds()
    if target == "dict_herald":
        return dict_herald_seeds(max_len)
    if target == "dict_petrarch":
        return dict_petrarch_seeds(max_len)
    if target == "dates":
        return dates_seeds()
    if target == "conllu":
        return conllu_seeds(max_len)
    if target == "pipeline":
        return pipeline_seeds(max_len)
    raise SystemExit(f"seeds.py: no seeds for {target}")


def main():
    out_root = sys.argv[1]
    if not os.path.isdir(SHARED):
        print(f"seeds: {SHARED} is missing; seeds come from the repository only", file=sys.stderr)
    for arg in sys.argv[2:]:
        target, max_len = arg.split("=")
        max_len = int(max_len)
        out = os.path.join(out_root, target)
        os.makedirs(out, exist_ok=True)
        n = 0
        for seed in generate(target, max_len):
            seed = seed[:max_len]
            if not seed:
                continue
            name = hashlib.sha1(seed).hexdigest()
            with open(os.path.join(out, name), "wb") as f:
                f.write(seed)
            n += 1
        print(f"seeds: {target}: {n} seeds in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
