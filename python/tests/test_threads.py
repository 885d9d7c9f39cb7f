"""The GIL is released while coding: Python runs meanwhile, and two threads code faster
than one."""

from __future__ import annotations

import hashlib
import os
import threading
import time

import pytest

import herald

from conftest import REPO, read_jsonl


def _texts(copies: int) -> list[str]:
    # The three sample stories, each lengthened so a call is mostly Rust work.
    base = [r["text"] for r in read_jsonl(REPO / "examples" / "sample-articles.jsonl")]
    return ["\n\n".join([t] * 6) for t in base] * copies


def _code_all(p: herald.Pipeline, texts: list[str]) -> None:
    for t in texts:
        p.code(t, date="2023-03-20")


def _speedup(work, halves) -> float:
    """Time of `work` over both halves in one thread / in two threads."""
    t0 = time.perf_counter()
    for h in halves:
        work(h)
    one = time.perf_counter() - t0
    threads = [threading.Thread(target=work, args=(h,)) for h in halves]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return one / (time.perf_counter() - t0)


def test_python_runs_while_an_article_is_coded():
    """While one thread is inside a long coding call, another runs Python bytecode: the
    call does not hold the GIL (true on any number of cores)."""
    p = herald.Pipeline()
    text = "\n\n".join(_texts(1) * 40)
    ticks = 0
    inside = threading.Event()
    done = threading.Event()

    def coder():
        inside.set()
        p.code(text, date="2023-03-20")
        done.set()

    t = threading.Thread(target=coder)
    t.start()
    inside.wait()
    time.sleep(0.01)  # let the call start
    while not done.is_set():
        ticks += 1
    t.join()
    assert ticks > 1000, f"only {ticks} Python loop iterations ran while coding"


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs 2 cores")
def test_two_threads_code_faster_than_one():
    p = herald.Pipeline()
    texts = _texts(40)
    _code_all(p, texts[:3])  # warm up
    halves = [texts[0::2], texts[1::2]]
    blob = os.urandom(1 << 20)

    def control(n):
        # hashlib releases the GIL on large buffers: the speedup this machine gives two
        # threads that surely run in parallel.
        for _ in range(n):
            hashlib.sha256(blob).digest()

    best = control_best = 0.0
    # The machine may be shared; the best of three rounds counts.
    for _ in range(3):
        best = max(best, _speedup(lambda h: _code_all(p, h), halves))
        if best > 1.3:
            break
        control_best = max(control_best, _speedup(control, [300, 300]))
    if best <= 1.3 and control_best < 1.5:
        pytest.skip(
            f"this machine is busy: two threads of hashing ran only {control_best:.2f}x "
            f"faster than one (herald: {best:.2f}x), so a speedup cannot be measured"
        )
    assert best > 1.3, (
        f"two threads coded only {best:.2f}x faster than one, while hashing ran "
        f"{control_best:.2f}x faster"
    )
