"""One `kerlint probe` run, start to finish, in the parent process (no TensorFlow here).

static check of the script  ─►  child run (runner.py)  ─►  join (join.py)  ─►  one report dict

The report dict is the single shape every reporter reads (JSON prints it, text and HTML render it).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

from kerlint import catalogue as catalogue_module
from kerlint.probe import diagnosis, fits, join
from kerlint.probe.runner import ProbeOutcome, ProbeRequest, interrupts_raise, run_child

EXIT_CLEAN, EXIT_SYMPTOMS, EXIT_USAGE, EXIT_SCRIPT_FAILED, EXIT_TIMEOUT = 0, 1, 2, 3, 4
# The probe itself failed (a kerlint bug or a missing TensorFlow): not the user's script, not clean.
EXIT_PROBE_ERROR = 5

STATUS_EXIT = {"ok": None, "script-error": EXIT_SCRIPT_FAILED, "missing-data": EXIT_SCRIPT_FAILED,
               "no-fit": EXIT_SCRIPT_FAILED,
               "crashed": EXIT_SCRIPT_FAILED, "timeout": EXIT_TIMEOUT, "usage-error": EXIT_USAGE,
               "probe-error": EXIT_PROBE_ERROR}


@dataclass
class StaticCheck:
    findings: list[dict]
    note: str = ""  # why the static check could not run, if it could not


def static_findings(script: str) -> StaticCheck:
    """`kerlint check` on the script, as check's JSON dicts. Never fails the probe."""
    try:
        from kerlint import config, engine
        from kerlint.violation import Violation

        try:
            settings = config.SettingsResolver().for_path(script)
        except Exception:  # noqa: BLE001 - a broken config must not stop the dry run
            settings = config.Settings()
        result = engine.lint_file(script, settings)
        violations = result[0] if isinstance(result, tuple) else result
        violations = sorted(violations, key=Violation.sort_key)
    except Exception as exc:  # noqa: BLE001
        return StaticCheck([], note=f"the static check could not run: {type(exc).__name__}: {exc}")
    return StaticCheck([_violation_dict(v) for v in violations])


def _violation_dict(v) -> dict:
    try:
        from kerlint.report.json import violation_to_dict
    except ImportError:  # the JSON reporter is optional for the probe: same field names by hand
        return {"code": v.code, "name": v.name, "severity": v.severity.label, "message": v.message,
                "filename": os.path.abspath(v.filename), "cell": v.cell,
                "location": {"row": v.location.row, "column": v.location.column},
                "end_location": {"row": v.end_location.row, "column": v.end_location.column},
                "fix": None}
    out = violation_to_dict(v)
    out.setdefault("fix_hint", v.fix_hint)
    return out


def _symptom_docs() -> dict:
    try:
        return catalogue_module.load_catalogue()
    except Exception:  # noqa: BLE001 - names and fixes are cosmetic; the measurements still stand
        return {}


def build_report(request: ProbeRequest, outcome: ProbeOutcome, static: StaticCheck) -> dict:
    docs = _symptom_docs()
    payload = dict(outcome.payload)
    status = "ok" if outcome.kind == "result" else outcome.kind
    report = {
        "script": os.path.abspath(request.script),
        "script_args": list(request.script_args),
        "status": status,
        "device": payload.pop("device", None) or ("cpu" if request.device == "cpu" else request.device),
        "steps": payload.pop("steps", 0),
        "max_steps": request.max_steps,
        "seed": request.seed,
        "synthetic": request.synthetic,
        "elapsed_seconds": round(outcome.elapsed, 2),
        "symptoms": [],
        "findings": [],
        "unpredicted_symptoms": [],
    }
    migrations = payload.pop("migrations", [])
    if migrations:  # what ran differently from the file (--no-migrate turns it off)
        report["migrations"] = migrations
    if static.note:
        report["static_check_note"] = static.note
    if status == "ok":
        symptoms = []
        for item in payload.pop("symptoms", []):
            doc = docs.get(item["code"])
            symptoms.append({"code": item["code"], "name": doc.name if doc else item["code"], **item})
        findings, unpredicted = join.join(static.findings, symptoms, docs)
        findings, unpredicted = _about_other_fits(request.script, payload.get("fit_line"), findings, symptoms,
                                                  unpredicted)
        report.update(symptoms=symptoms, findings=findings, unpredicted_symptoms=unpredicted)
        report.update(payload)  # curves, model, timings, fit_line, fit_arguments
        # the ranked diagnosis comes first in the JSON too (right after the status)
        ranked = diagnosis.diagnose(report)
        report = {**{k: report[k] for k in ("script", "script_args", "status")}, "diagnosis": ranked,
                  **{k: v for k, v in report.items() if k not in ("script", "script_args", "status")}}
    else:
        report["findings"] = [{**f, **join.verdict(f["code"], {}, docs)} for f in static.findings]
        report["error"] = _error_section(status, payload, outcome, request)
    report["exit_code"] = exit_code(report)
    return report


def _about_other_fits(script: str, fit_line, findings: list[dict], symptoms: list[dict],
                      unpredicted: list[str]) -> tuple[list[dict], list[str]]:
    """Findings about a fit() the probe never ran are inconclusive (fits.py), whatever was measured."""
    runs = fits.training_runs(script)
    if len(runs) < 2:
        return findings, unpredicted
    out = []
    for finding in findings:
        line = fits.other_fit(finding["location"]["row"], fit_line, runs)
        if line is not None:
            finding = {**finding, "verdict": join.INCONCLUSIVE, "observed_symptoms": [], "measured_symptoms": [],
                       "other_fit_line": line,
                       "reason": f"about the fit() at line {line}; the probe measured the one at line {fit_line}"}
        out.append(finding)
    predicted = {c for f in out if "other_fit_line" not in f for c in f["expected_symptoms"]}
    unpredicted = [s["code"] for s in symptoms if s.get("observed") and s["code"] not in predicted]
    return out, unpredicted


NO_TRAINING_CALL = ("; kerlint finds no fit(), fit_generator() or train_on_batch() call in it: the probe measures "
                    "training that goes through one of them, and a custom loop (tf.GradientTape) does not")


def _error_section(status: str, payload: dict, outcome: ProbeOutcome, request: ProbeRequest) -> dict:
    script = os.path.basename(request.script)
    if status == "timeout":
        if payload.get("fit_reached"):
            message = (f"{script} reached fit() but the probe did not finish within {request.timeout:g} s "
                       "(--timeout); its whole process group was killed")
        else:
            message = (f"{script} did not reach fit() within {request.timeout:g} s (--timeout); its whole "
                       "process group was killed")
            if fits.calls_training(request.script) is False:
                message += NO_TRAINING_CALL
    elif status == "no-fit":
        message = f"{script} ran to the end without calling fit(), so there was nothing to probe"
        if fits.calls_training(request.script) is False:
            message += NO_TRAINING_CALL
    elif status == "script-error":
        where = f" at line {payload['line']}" if payload.get("line") else ""
        if payload.get("cell"):  # notebooks: the cell as the notebook numbers it
            where = f" in cell {payload['cell']}, line {payload['line_in_cell']}"
        function = payload.get("function")
        if function and function != "<module>":
            where += f" (in {function})"
        if payload.get("at_fit"):
            message = (f"{script}'s model raised {payload.get('exception', 'an exception')} on its first training "
                       f"batch, at the fit(){where}: {payload.get('message', '')} (Keras's own fit() fails the same "
                       "way at its first step)")
        else:
            message = (f"{script} raised {payload.get('exception', 'an exception')}{where} before reaching fit(): "
                       f"{payload.get('message', '')}")
        if payload.get("exception") == "MemoryError":
            message += " (the probe limits the script's memory: see --memory-limit)"
    elif status == "missing-data":
        where = f" at line {payload['line']}" if payload.get("line") else ""
        if payload.get("cell"):
            where = f" in cell {payload['cell']}, line {payload['line_in_cell']}"
        if payload.get("function") and payload["function"] != "<module>":
            where += f" (in {payload['function']})"
        paths = payload.get("missing_paths") or []
        message = (f"{script} raised {payload.get('exception', 'an exception')}{where} before reaching fit(): "
                   f"local data it reads is not here: "
                   f"{', '.join(paths)} (working folder {os.getcwd()}). Put the data there, pass its location "
                   "to the script after `--`, or probe with --synthetic if it is a known downloadable dataset")
    elif status == "crashed":
        message = (f"{script} ended abruptly (exit status {outcome.returncode}) before reaching fit(); "
                   "see the end of its output below")
    elif status == "usage-error":
        message = payload.get("message", "usage error")
    else:
        message = f"the probe itself failed: {payload.get('message', '')}"
    section = {"message": message, **{k: v for k, v in payload.items() if k != "message"}}
    if status in ("script-error", "missing-data", "crashed", "timeout", "probe-error"):
        section["output_tail"] = outcome.log_tail
    return section


def exit_code(report: dict) -> int:
    fixed = STATUS_EXIT.get(report["status"])
    if fixed is not None:
        return fixed
    if any(s["observed"] for s in report["symptoms"]):
        return EXIT_SYMPTOMS
    if not any(s["measured"] for s in report["symptoms"]):
        return EXIT_PROBE_ERROR  # fit() was reached but nothing could be measured: not a clean bill of health
    return EXIT_CLEAN


def run_probe(request: ProbeRequest, progress=lambda stage: None) -> dict:
    """One probe run. SIGTERM/SIGINT/SIGHUP raise runner.ProbeInterrupted after the script's processes
    are killed and the temporary folder removed (the CLI turns it into exit status 128 + signal)."""
    import threading

    started = time.monotonic()
    with interrupts_raise():
        # the static check (pure Python) runs while the child imports TensorFlow: it costs no wall time
        progress("static check")
        result: list[StaticCheck] = []
        checker = threading.Thread(target=lambda: result.append(static_findings(request.script)),
                                   name="kerlint-static-check", daemon=True)
        checker.start()
        outcome = run_child(request, progress)
        checker.join()
        static = result[0] if result else StaticCheck([], note="the static check could not run")
    outcome.elapsed = time.monotonic() - started
    return build_report(request, outcome, static)
