"""kerlint's benchmark: one command (`make bench`), every figure a ratio against a baseline, measured in one run.

    .venv/bin/python bench/run.py [--files 320] [--seed 7] [--jobs N] [--repeat 1] [--skip-fixit]
                                  [--real DIR] [--mixed DIR] [--no-generated]

1. builds the generated corpus: the project's `examples/` plus generated Keras scripts (bench/corpus.py,
   seeded) in bench/corpus/ (git-ignored); with `--real DIR` (or $KERLINT_REAL_CORPUS) it also measures a
   corpus of real third-party code, which is never committed. The one used for bench/RESULTS.md is the good
   part of the shared real-code corpus (keras-io examples at ac7f64cb, Keras 3 examples, TensorFlow docs
   notebooks converted to .py: 251 files): fetch the public snapshots chicham/keras-io, keras-team/keras and
   tensorflow/docs (all three into one folder MIRRORS, as `OWNER+NAME/repo` git dirs), then
   `MIRRORS=... CORPUS=/some/folder python3 shared/realcode/build_good.py` and pass `--real /some/folder/good`.
   With `--mixed DIR` (or $KERLINT_MIXED_REPO) it times the pre-filter on a real repository where most files
   build no model (RESULTS.md used optuna/optuna at 1d8ce7bb, `git archive HEAD` of the fetched snapshot);
2. times, on the same file list and with the same number of processes (default: all cores):
   - the floor: reading and `libcst.parse_module` of every file (bench/parse_only.py),
   - `kerlint check --no-cache` (concise output, which shows no fixes, so none are computed),
   - the same with `--output-format json`, whose report carries each finding's fix,
   - `fixit lint` with its default built-in rules (Fixit is the other libcst-based lint framework),
   - `kerlint check` with the cache, cold then warm (a second run over the unchanged tree),
   - `kerlint check --jobs 1`, whose output must be byte-identical to the `--jobs N` one,
   - `kerlint --version` (start-up) and `kerlint check` of one 100-line file, end to end,
   - the engine's phases in one process (bench/phases.py);
3. records each command's peak memory (`resource.getrusage(RUSAGE_CHILDREN)` of a wrapper process:
   the largest resident set among the command's processes);
4. prints the table and writes bench/RESULTS.md with the machine, the load and the date.

Wall-clock times on a shared machine move with its load: RESULTS.md records the load average before and
after, and ratios taken within one run are what to compare.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

PY = sys.executable
BIN = Path(PY).parent
GOALS = {"parse_ratio": 1.5, "fixit_speedup": 5.0, "cache_speedup": 10.0, "startup": 0.3, "small_file": 0.5}
# On real code (issue "speed on real code"): at most 1.3x the bare parse, and Fixit at least 10x slower.
REAL_GOALS = {**GOALS, "parse_ratio": 1.3, "fixit_speedup": 10.0}

# Runs `cmd`, then prints its wall time, the CPU time (user + system) of all its processes and their peak RSS
# (KiB) as JSON on stderr's last line. CPU time barely moves with the machine's load, wall time does: on a shared
# machine the CPU ratio is the one to compare.
_WRAPPER = r"""
import json, resource, subprocess, sys, time
cmd = json.loads(sys.argv[1])
out = open(sys.argv[2], "wb") if sys.argv[2] != "-" else subprocess.DEVNULL
t = time.perf_counter()
rc = subprocess.run(cmd, stdout=out, stderr=subprocess.DEVNULL, env=json.loads(sys.argv[3])).returncode
wall = time.perf_counter() - t
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "rc": rc, "peak_kib": usage.ru_maxrss, "cpu": usage.ru_utime + usage.ru_stime}),
      file=sys.stderr)
"""


def measure(cmd: list[str], *, out: str = "-", env: dict | None = None, repeat: int = 1) -> dict:
    """Best wall time of `repeat` runs of `cmd`, its exit code and peak memory."""
    env = {**os.environ, **(env or {})}
    best = None
    for _ in range(max(1, repeat)):
        proc = subprocess.run([PY, "-c", _WRAPPER, json.dumps(cmd), out, json.dumps(env)],
                              capture_output=True, text=True, cwd=ROOT)
        if proc.returncode != 0:
            raise SystemExit(f"benchmark wrapper failed for {cmd[:3]}...: {proc.stderr[-2000:]}")
        run = json.loads(proc.stderr.strip().splitlines()[-1])
        if best is None or run["wall"] < best["wall"]:
            best = run
    return best


def median_wall(cmd: list[str], runs: int = 7, env: dict | None = None) -> float:
    return statistics.median(measure(cmd, env=env)["wall"] for _ in range(runs))


def machine() -> dict:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass

    def version(module: str) -> str:
        try:
            from importlib.metadata import version as v

            return v(module)
        except Exception:  # noqa: BLE001
            return "?"

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=ROOT).stdout.strip() or "?"
    return {"nproc": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "os": f"{platform.system()} {platform.release()}", "libcst": version("libcst"),
            "fixit": version("fixit"), "kerlint": version("kerlint"), "commit": commit}


def load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover
        return "?"


def small_file(path: Path, seed: int) -> Path:
    """A 100-line generated script."""
    text = corpus.generate_script(seed, 10_000, 100)
    lines = text.splitlines()
    while len(lines) < 100:
        lines.append(f"print({len(lines)})")
    path.write_text("\n".join(lines[:100]) + "\n", encoding="utf-8")
    return path


def real_files(folder: Path) -> list[Path]:
    """The .py and .ipynb files of a real corpus folder (built outside the project: see the module doc)."""
    return sorted(p for p in folder.rglob("*") if p.suffix in (".py", ".ipynb") and p.is_file())


def bench_corpus(label: str, files: list[Path], jobs: int, args, results_dir: Path) -> dict:
    """Every measurement of one corpus; returns its table, checks and phase split as markdown."""
    slug = label.split()[0]
    out_dir = results_dir / slug
    out_dir.mkdir(parents=True, exist_ok=True)
    # Fixit reads its config from the files' folders; paths outside ROOT are given absolute.
    paths = [str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(p) for p in files]
    lines = sum(p.read_bytes().count(b"\n") for p in files)
    file_list = out_dir / "files.txt"
    file_list.write_text("\n".join(paths) + "\n", encoding="utf-8")
    print(f"{label}: {len(files)} files, {lines} lines; {jobs} processes; load {load()}", flush=True)

    kerlint = [str(BIN / "kerlint")]
    # --isolated: the corpus's own config files (if any) must not change what is measured
    check = kerlint + ["check", "--isolated", "--output-format", "concise", "--exit-zero"]
    m: dict[str, dict] = {}

    def run(name: str, cmd: list[str], **kw) -> dict:
        print(f"  {name} ...", end=" ", flush=True)
        m[name] = measure(cmd, **kw)
        print(f"{m[name]['wall']:.2f} s", flush=True)
        return m[name]

    run("parse", [PY, str(HERE / "parse_only.py"), "--jobs", str(jobs), str(file_list)], repeat=args.repeat)
    out_n = str(out_dir / f"kerlint-j{jobs}.txt")
    out_1 = str(out_dir / "kerlint-j1.txt")
    run("kerlint", check + ["--no-cache", "--jobs", str(jobs)] + paths, out=out_n, repeat=args.repeat)
    # JSON output carries each finding's fix, so this run computes the fixes the concise one skips.
    run("kerlint_json", kerlint + ["check", "--isolated", "--output-format", "json", "--exit-zero", "--no-cache",
                                   "--jobs", str(jobs)] + paths, repeat=args.repeat)
    if not args.skip_fixit:
        run("fixit", [str(BIN / "fixit"), "lint"] + paths, repeat=1)
    cache_dir = tempfile.mkdtemp(prefix="kerlint-bench-cache-")
    try:
        env = {"KERLINT_CACHE_DIR": cache_dir}
        run("cache_cold", check + ["--jobs", str(jobs)] + paths, env=env)
        out_cached = str(out_dir / "kerlint-cached.txt")
        run("cache_warm", check + ["--jobs", str(jobs)] + paths, env=env, out=out_cached)
    finally:
        shutil.rmtree(cache_dir, ignore_errors=True)
    run("parse_1", [PY, str(HERE / "parse_only.py"), "--jobs", "1", str(file_list)])
    run("kerlint_1", check + ["--no-cache", "--jobs", "1"] + paths, out=out_1)
    print("  phases (1 process, in-process timers) ...", flush=True)
    phases = json.loads(subprocess.run([PY, str(HERE / "phases.py"), str(file_list)], capture_output=True,
                                       text=True, cwd=ROOT, check=True).stdout)
    identical = Path(out_n).read_bytes() == Path(out_1).read_bytes()
    cached_same = Path(out_n).read_bytes() == Path(out_cached).read_bytes()
    findings = Path(out_n).read_text(encoding="utf-8").strip().splitlines()[-1]

    parse, kl = m["parse"]["wall"], m["kerlint"]["wall"]
    cpu_ratio = m["kerlint"]["cpu"] / m["parse"]["cpu"]
    rows = []

    def row(what, seconds, ratio, goal, ok, peak=None, cpu=None):
        rows.append((what, f"{seconds:.2f} s" if seconds is not None else "",
                     f"{cpu:.2f} s" if cpu is not None else "", ratio, goal,
                     "—" if ok is None else ("yes" if ok else "**no**"),
                     f"{peak / 1024:.0f} MiB" if peak else ""))

    goal = args.goals["parse_ratio"]
    row(f"`libcst.parse_module` of every file, {jobs} processes (the floor)", parse, "1.00×", "", None,
        m["parse"]["peak_kib"], m["parse"]["cpu"])
    row(f"`kerlint check --no-cache --jobs {jobs}`", kl, f"{kl / parse:.2f}× parse (CPU time: {cpu_ratio:.2f}×)",
        f"≤ {goal}× parse",
        kl / parse <= goal, m["kerlint"]["peak_kib"], m["kerlint"]["cpu"])
    kj = m["kerlint_json"]["wall"]
    row(f"`kerlint check --output-format json --no-cache --jobs {jobs}` (computes the fixes)", kj,
        f"{kj / parse:.2f}× parse", "", None, m["kerlint_json"]["peak_kib"], m["kerlint_json"]["cpu"])
    if "fixit" in m:
        fx = m["fixit"]["wall"]
        want = args.goals["fixit_speedup"]
        row(f"`fixit lint` (built-in rules), {jobs} processes", fx,
            f"{fx / parse:.2f}× parse; kerlint {fx / kl:.1f}× faster", f"kerlint ≥ {want:g}× faster",
            fx / kl >= want, m["fixit"]["peak_kib"], m["fixit"]["cpu"])
    cold, warm = m["cache_cold"]["wall"], m["cache_warm"]["wall"]
    row("`kerlint check` with the cache, first run (cold)", cold, f"{cold / parse:.2f}× parse", "", None,
        m["cache_cold"]["peak_kib"], m["cache_cold"]["cpu"])
    row("`kerlint check`, second run over the unchanged tree (warm cache)", warm,
        f"{cold / warm:.1f}× faster than cold", "≥ 10× faster", cold / warm >= GOALS["cache_speedup"],
        m["cache_warm"]["peak_kib"], m["cache_warm"]["cpu"])
    p1, k1 = m["parse_1"]["wall"], m["kerlint_1"]["wall"]
    row("`libcst.parse_module` of every file, 1 process", p1, "1.00×", "", None, m["parse_1"]["peak_kib"], m["parse_1"]["cpu"])
    row("`kerlint check --no-cache --jobs 1`", k1, f"{k1 / p1:.2f}× parse (1 process); "
        f"--jobs {jobs} is {k1 / kl:.2f}× faster", "", None, m["kerlint_1"]["peak_kib"], m["kerlint_1"]["cpu"])
    floor = phases.get("bare parse", phases["parse"])  # the bare libcst.parse_module, timed in the same process
    names = {"bare parse": "`libcst.parse_module` alone (the floor, not part of the total)",
             "parse": "parse (kerlint.parsing: without libcst's node validation)"}
    phase_table = ("| phase (1 process) | time | × bare parse |\n|---|---:|---:|\n" + "\n".join(
        f"| {names.get(name, name)} | {phases[name]:.2f} s | {phases[name] / floor:.2f} |"
        for name in ("bare parse", "parse", "guard", "extract", "rules and the rest", "positions", "fixes", "noqa",
                     "total")
        if name in phases))
    checks = (f"- `--jobs 1` and `--jobs {jobs}` outputs byte-identical: **{'yes' if identical else 'NO'}**\n"
              f"- cached run output identical to the uncached one: **{'yes' if cached_same else 'NO'}**\n"
              f"- kerlint's summary on the corpus: {findings}")
    return {"label": label, "files": len(files), "lines": lines, "rows": rows, "checks": checks,
            "phase_table": phase_table, "missed": [r[0] for r in rows if r[5] == "**no**"]}


def bench_mixed(folder: Path, jobs: int) -> str:
    """The pre-filter on a real repository where most files build no model: with it and without it."""
    from kerlint.prefilter import can_skip

    files = real_files(folder)
    mentions = sum(1 for p in files if not can_skip(p.read_text(encoding="utf-8", errors="replace")))
    base = [str(BIN / "kerlint"), "check", "--isolated", "--no-cache", "--exit-zero", "--output-format",
            "concise", "--jobs", str(jobs), str(folder)]
    on, off = measure(base, repeat=3), measure(base + ["--no-prefilter"], repeat=3)
    print(f"mixed {folder.name}: prefilter {on['wall']:.2f} s, --no-prefilter {off['wall']:.2f} s", flush=True)
    return (f"Pre-filter on `{folder.name}` ({len(files)} files, {mentions} analysed: the others never mention "
            f"keras/tensorflow): **{on['wall']:.2f} s** with it, {off['wall']:.2f} s with `--no-prefilter` "
            f"({off['wall'] / on['wall']:.1f}× faster; peak {on['peak_kib'] / 1024:.0f} MiB vs "
            f"{off['peak_kib'] / 1024:.0f} MiB).")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=320, help="generated scripts (examples/ is added)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=0, help="processes for every tool [default: all cores]")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each corpus measurement (best kept)")
    parser.add_argument("--skip-fixit", action="store_true")
    parser.add_argument("--real", type=Path, default=os.environ.get("KERLINT_REAL_CORPUS") or None,
                        help="a folder of real third-party Keras code (see the module doc) [$KERLINT_REAL_CORPUS]")
    parser.add_argument("--mixed", type=Path, default=os.environ.get("KERLINT_MIXED_REPO") or None,
                        help="a real repository where most files build no model, for the pre-filter "
                             "[$KERLINT_MIXED_REPO]")
    parser.add_argument("--no-generated", action="store_true", help="skip the generated corpus")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args(argv)

    from kerlint.parallel import default_jobs

    jobs = args.jobs or default_jobs()
    # kerlint's own modules as an installed wheel has them, compiled to bytecode (pip compiles at install); a
    # development checkout run with PYTHONDONTWRITEBYTECODE=1 would recompile all of them at every start (0.08 s
    # more CPU a run). libcst, the floor's only import, is compiled already.
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "kerlint")], check=True)
    load_before = load()
    started = time.time()
    results_dir = HERE / "results"
    results_dir.mkdir(exist_ok=True)
    corpora = []
    if not args.no_generated:
        corpus_dir = HERE / "corpus"
        files = corpus.build(corpus_dir, args.files, args.seed, ROOT / "examples")
        # Fixit: its default built-in rules (fixit.rules), nothing from the project's config.
        (corpus_dir / "pyproject.toml").write_text('[tool.fixit]\nroot = true\nenable = ["fixit.rules"]\n',
                                                   encoding="utf-8")
        args.goals = GOALS
        corpora.append(bench_corpus(f"generated corpus (`examples/` plus {args.files} scripts from "
                                    f"`bench/corpus.py`, seed {args.seed})", files, jobs, args, results_dir))
    if args.real:
        args.goals = REAL_GOALS
        corpora.append(bench_corpus(f"real corpus (`{args.real}`)", real_files(args.real), jobs, args,
                                    results_dir))
    else:
        print("no real corpus: pass --real DIR or set KERLINT_REAL_CORPUS (see bench/run.py's docstring)")
    mixed = bench_mixed(args.mixed, jobs) if args.mixed else ""
    print("  start-up and one 100-line file ...", flush=True)
    kerlint = [str(BIN / "kerlint")]
    startup = median_wall(kerlint + ["--version"])
    hundred = small_file(results_dir / "hundred_lines.py", args.seed)
    small = median_wall(kerlint + ["check", "--isolated", "--exit-zero", "--no-cache",
                                   str(hundred.relative_to(ROOT))])
    load_after = load()

    header = ("| measurement | time | CPU time (all processes) | ratio | goal | met | peak memory |\n"
              "|---|---:|---:|---|---|---|---:|")
    info = machine()
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    sections = []
    for c in corpora:
        table = header + "\n" + "\n".join("| " + " | ".join(r) + " |" for r in c["rows"])
        verdict = (f"Goals missed: {'; '.join(c['missed'])}." if c["missed"] else "Every goal is met on this run.")
        sections.append(f"""## {c['label'][0].upper() + c['label'][1:]}

{c['files']} files, {c['lines']} lines; every tool gets the same file list and {jobs} processes.

{table}

{c['checks']}

{verdict}

Where the time goes (`bench/phases.py`: the engine's steps timed in one process, as the concise run
does them, so without fixes; "positions" is the source positions of reported nodes):

{c['phase_table']}
""")
        print("\n" + table + "\n\n" + c["checks"] + "\n\n" + verdict + "\n\n" + c["phase_table"])
    ok_start, ok_small = startup <= GOALS["startup"], small <= GOALS["small_file"]
    common = (f"- `kerlint --version` (start-up, median of 7): {startup:.2f} s (goal ≤ 0.3 s: "
              f"{'yes' if ok_start else '**no**'})\n"
              f"- `kerlint check` of one 100-line file, end to end (median of 7): {small:.2f} s (goal ≤ 0.5 s: "
              f"{'yes' if ok_small else '**no**'})\n" + (f"- {mixed}\n" if mixed else ""))
    print("\n" + common)
    text = f"""# kerlint benchmark results

Command: `make bench` (`.venv/bin/python bench/run.py`), {now}, {time.time() - started:.0f} s in all.

Machine: {info['nproc']} cores ({info['cpu']}), {info['os']}, Python {info['python']}; libcst {info['libcst']},
fixit {info['fixit']}, kerlint {info['kerlint']} (commit {info['commit']}).
Load average (1/5/15 min) before: {load_before}; after: {load_after}.

{common}
{chr(10).join(sections)}"""
    args.results.write_text(text, encoding="utf-8")
    print(f"\nwritten: {args.results.relative_to(ROOT) if args.results.is_relative_to(ROOT) else args.results}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
