"""The ranked diagnosis on the DeepLocalize Stack Overflow probe set, read from the reports themselves.

    python3 bench/probe_diagnosis.py PROBE_OUT [PROBE_OUT ...]

The shared scorer (../shared/realcode/probe/analyze.py, read-only here) counts a buggy program as diagnosed
when any reported *code* maps to one of its patch's fault categories. This script reads what the probe
itself ranks first: `report["diagnosis"]["causes"][0]["category"]`, from each run's JSON under
PROBE_OUT/runs/, against the patch categories in PROBE_OUT/score_probe_results.csv (written by
score_probe.py from manifest.py). Primary scripts only, as in the shared table.

Prints, per PROBE_OUT: diagnosis top-1 (the first cause's category is a patch category) and top-any (any
ranked cause's), of the labelled buggy programs and of those that reached fit(); and the runnable fixed
programs with an observed symptom or with an error/warning cause.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path


def _report(out: Path, key: str) -> dict:
    path = out / "runs" / f"{key}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def score(out: Path) -> dict:
    rows = [r for r in csv.DictReader(open(out / "score_probe_results.csv", encoding="utf-8"))
            if r["primary"] == "True"]
    labelled = runnable_labelled = top1 = top1_runnable = anyrank = 0
    fixed_runnable = fixed_alarm = fixed_symptom = 0
    per_run = []
    for row in rows:
        report = _report(out, row["key"])
        causes = (report.get("diagnosis") or {}).get("causes") or []
        ran = row["reached_fit"] == "True"
        if row["version"] == "buggy":
            cats = set(row["patch_category"].split())
            if not cats or cats == {"none"}:
                continue
            labelled += 1
            runnable_labelled += ran
            hit1 = bool(causes) and causes[0]["category"] in cats
            hit_any = any(c["category"] in cats for c in causes)
            top1 += hit1
            top1_runnable += hit1 and ran
            anyrank += hit_any
            per_run.append((row["key"], sorted(cats), [c["category"] for c in causes], hit1))
        elif ran:
            fixed_runnable += 1
            observed = any(s.get("observed") for s in report.get("symptoms", []))
            alarm = observed or any(c.get("level") in ("error", "warning") for c in causes)
            fixed_symptom += observed
            fixed_alarm += alarm
    return {"labelled": labelled, "runnable_labelled": runnable_labelled, "top1": top1,
            "top1_runnable": top1_runnable, "top_any": anyrank, "fixed_runnable": fixed_runnable,
            "fixed_symptom": fixed_symptom, "fixed_alarm": fixed_alarm, "runs": per_run}


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    for folder in argv:
        s = score(Path(folder))
        for key, cats, ranked, hit in s["runs"]:
            print(f"  {'+' if hit else '-'} {key:40s} patch {','.join(cats):40s} ranked {' > '.join(ranked) or '-'}")
        print(f"{folder}: diagnosis top-1 {s['top1']}/{s['labelled']} of labelled buggy "
              f"({s['top1_runnable']}/{s['runnable_labelled']} of those reaching fit), any ranked cause "
              f"{s['top_any']}/{s['labelled']}; runnable fixed with an observed symptom {s['fixed_symptom']}/"
              f"{s['fixed_runnable']}, with a symptom or an error/warning cause {s['fixed_alarm']}/{s['fixed_runnable']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
