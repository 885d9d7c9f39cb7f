"""The GIL is released while coding: two Python threads code faster than one."""

from __future__ import annotations

import os
import threading
import time

import pytest

import herald

from conftest import REPO, read_jsonl


def _texts() -> list[str]:
    # The three sample stories, each lengthened so a call is mostly Rust work.
    base = [r["text"] for r in read_jsonl(REPO / "examples" / "sample-articles.jsonl")]
    return [("\n\n".join([t] * 6)) for t in base] * 8


def _code_all(p: herald.Pipeline, texts: list[str]) -> None:
    for t in texts:
        p.code(t, date="2023-03-20")


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs 2 cores")
def test_two_threads_code_faster_than_one():
    p = herald.Pipeline()
    texts = _texts()
    _code_all(p, texts[:3])  # warm up
    best = 0.0
    # The machine may be shared with other work; the best of three rounds counts.
    for _ in range(3):
        t0 = time.perf_counter()
        _code_all(p, texts)
        one = time.perf_counter() - t0
        halves = [texts[0::2], texts[1::2]]
        threads = [threading.Thread(target=_code_all, args=(p, h)) for h in halves]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        two = time.perf_counter() - t0
        best = max(best, one / two)
        if best > 1.3:
            break
    assert best > 1.3, f"two threads were only {best:.2f}x faster than one"
