"""Compare `Pipeline.code_batch` with `herald code` on the same articles.

    python python/bench.py [N] [--cli target/release/herald] [--corpus FILE] [--rounds 2]

Codes the first N articles (default 500) of the AllSides corpus (../shared) with
`herald code -jJ` and with `herald.Pipeline().code_batch(records, jobs=J)` for J = 1, 2,
alternating, and prints wall time, CPU time (user + system) and articles/s of each, and
the Python layer's cost relative to the CLI. Both sides include loading the pipeline and
reading the input; the CLI writes JSON Lines, Python makes dicts. On a machine shared
with other work the CPU times are the comparable numbers.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def run_cli(cli: str, path: str, jobs: int) -> tuple[float, float]:
    c0, t0 = cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as out:
        subprocess.run([cli, "code", path, "--jobs", str(jobs), "-o", out.name],
                       check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0, cpu(resource.RUSAGE_CHILDREN) - c0


def run_python(path: str, jobs: int) -> tuple[float, float]:
    # A child process per run, like the CLI: the load and the thread pool are counted.
    code = (
        "import herald, json, sys\n"
        "recs = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]\n"
        "p = herald.Pipeline()\n"
        "n = sum(1 for _ in p.code_batch(recs, jobs=int(sys.argv[2])))\n"
        "assert n == len(recs), n\n"
    )
    c0, t0 = cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run([sys.executable, "-c", code, path, str(jobs)], check=True, cwd="/")
    return time.perf_counter() - t0, cpu(resource.RUSAGE_CHILDREN) - c0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, nargs="?", default=500)
    ap.add_argument("--cli", default=str(REPO / "target" / "release" / "herald"))
    ap.add_argument("--corpus", default=str(REPO.parent / "shared" / "data" / "corpus" / "allsides-2012-2020.jsonl.gz"))
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "articles.jsonl")
        with gzip.open(args.corpus, "rt", encoding="utf-8") as src, open(path, "w", encoding="utf-8") as dst:
            for i, line in enumerate(src):
                if i == args.n:
                    break
                dst.write(line)
        best: dict[tuple[str, int], tuple[float, float]] = {}
        for _ in range(args.rounds):
            for jobs in (1, 2):
                for name, run in (("cli", lambda j: run_cli(args.cli, path, j)), ("python", lambda j: run_python(path, j))):
                    wall, c = run(jobs)
                    prev = best.get((name, jobs))
                    best[(name, jobs)] = (min(wall, prev[0]) if prev else wall, min(c, prev[1]) if prev else c)
        print(f"{args.n} articles, best of {args.rounds} rounds")
        print(f"{'':14}{'wall s':>8}{'art/s':>8}{'CPU s':>8}{'art/CPU-s':>11}")
        for (name, jobs), (wall, c) in sorted(best.items()):
            print(f"{name + ' -j' + str(jobs):14}{wall:8.1f}{args.n / wall:8.1f}{c:8.1f}{args.n / c:11.1f}")
        for jobs in (1, 2):
            (cw, cc), (pw, pc) = best[("cli", jobs)], best[("python", jobs)]
            print(f"jobs={jobs}: Python/CLI wall {pw / cw:.3f}, CPU {pc / cc:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
