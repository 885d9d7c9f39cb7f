"""Shared fixtures: the repository, the `herald` CLI to compare with, a loaded pipeline.

The CLI is `$HERALD_BIN` when set (CI sets it; a missing file there is an error), else
target/release/herald or target/debug/herald of this repository; the tests that compare
with it are skipped, saying so, when there is none. `../shared` (the project's data
folder) holds the AllSides corpus; tests that need it are skipped, saying so, without it.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
from pathlib import Path

import pytest

import herald

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "data"
ALLSIDES = SHARED / "corpus" / "allsides-2012-2020.jsonl.gz"


def find_cli() -> Path | None:
    env = os.environ.get("HERALD_BIN")
    if env:
        p = Path(env)
        if not os.access(p, os.X_OK):
            raise RuntimeError(f"HERALD_BIN={env} is not an executable")
        return p
    for profile in ("release", "debug"):
        p = REPO / "target" / profile / "herald"
        if os.access(p, os.X_OK):
            return p
    return None


@pytest.fixture(scope="session")
def cli() -> Path:
    p = find_cli()
    if p is None:
        pytest.skip("no herald CLI to compare with: build it (cargo build --release) or set HERALD_BIN")
    return p


@pytest.fixture(scope="session")
def pipeline() -> herald.Pipeline:
    return herald.Pipeline()


def run_cli(cli: Path, *args: str | os.PathLike) -> list[dict]:
    """`herald code ARGS` with the packaged data, its JSON lines parsed."""
    env = dict(os.environ)
    # The CLI reads the repository's data/ (its default); the package reads its own
    # copy of the same folder.
    env.pop("HERALD_DATA", None)
    out = subprocess.run(
        [str(cli), "code", *map(str, args)], capture_output=True, text=True, env=env, check=False
    )
    if out.returncode not in (0, 2):
        raise AssertionError(f"herald code failed ({out.returncode}): {out.stderr}")
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def allsides(n: int) -> list[dict]:
    """The first `n` AllSides articles (skips the test without ../shared)."""
    if not ALLSIDES.is_file():
        pytest.skip(f"needs ../shared: {ALLSIDES} is absent")
    out = []
    with gzip.open(ALLSIDES, "rt", encoding="utf-8") as f:
        for line in f:
            out.append(json.loads(line))
            if len(out) == n:
                break
    return out
