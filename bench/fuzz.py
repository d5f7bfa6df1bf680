"""The long fuzzing run: the properties of tests/test_fuzz.py with a much larger budget.

    .venv/bin/python bench/fuzz.py [--examples 2000] [--seed N]

Runs in production mode (KERLINT_STRICT=0: extractor and fixer failures fall back to "unknown" / "no
fix", as users get them) and fails with the smallest input Hypothesis finds that makes `kerlint check`
raise or report KL999. Also lints the generated corpus files with random mutations.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ["KERLINT_STRICT"] = "0"
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=2000, help="examples per property")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)

    from hypothesis import HealthCheck, given, seed, settings

    import corpus
    from fuzz_strategies import SEEDS, keras_programs, mutated_scripts
    from kerlint import engine
    from kerlint.config import Settings

    everything = Settings(select=("ALL",), report_unused_noqa=True)
    seeds = SEEDS + [corpus.generate_script(1, i, 120) for i in range(20)]

    counter = {"inputs": 0, "lines": 0}

    def check(source: str) -> None:
        counter["inputs"] += 1
        counter["lines"] += source.count("\n")
        violations, internal = engine.lint_unit(engine.SourceUnit("fuzz.py", source), everything)
        crashed = [v.message for v in violations if v.code == "KL999"]
        assert not internal and not crashed, f"internal error:\n{source}\n---\n" + "\n".join(crashed)

    budget = settings(max_examples=args.examples, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
    def generated(source):
        check(source)

    def mutated(source):
        check(source)

    properties = {
        "generated Keras programs": given(keras_programs())(generated),
        "mutated real scripts": given(mutated_scripts(seeds))(mutated),
    }
    failures = 0
    for name, prop in properties.items():
        test = budget(prop)
        if args.seed is not None:
            test = seed(args.seed)(test)
        started = time.perf_counter()
        counter.update(inputs=0, lines=0)
        try:
            test()
            print(f"ok      {name}: {counter['inputs']} inputs ({counter['lines']} lines) "
                  f"in {time.perf_counter() - started:.0f} s")
        except Exception as exc:  # noqa: BLE001 - report and go on with the next property
            failures += 1
            print(f"FAILED  {name}: {exc}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
