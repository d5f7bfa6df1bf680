"""The probe's text report: symptoms with evidence, then findings with verdicts, then suggested fixes."""

from __future__ import annotations

import os

from kerlint import catalogue as catalogue_module

# The evidence numbers worth a column in the table, per symptom; the JSON has all of them.
KEY_EVIDENCE = {
    "KP101": ("ratio_first_last", "first_layer_norm", "last_layer_norm"),
    "KP102": ("ratio_first_last", "max_layer_norm", "non_finite_gradients"),
    "KP103": ("max_loss", "non_finite_steps", "first_bad_step"),
    "KP104": ("worst_layer_at_init", "worst_fraction_at_init", "worst_fraction_after_training"),
    "KP105": ("worst_layer_at_init", "worst_fraction_at_init", "worst_fraction_after_training"),
    "KP106": ("loss_at_init", "expected_ln_c"),
    "KP107": ("best_training_accuracy", "steps", "samples"),
    "KP108": ("accuracy_first_window", "accuracy_last_window", "distinct_predicted_classes", "score_spread"),
    "KP109": ("min_window_loss", "peak_after_min", "sign_change_fraction", "non_finite"),
    "KP110": ("min", "max", "validation_max", "after_preprocessing_max"),
    "KP111": ("problems", "imbalance_ratio"),
    "KP112": ("non_finite_x", "non_finite_y"),
    "KP113": ("problems", "samples"),
    "KP114": ("row_sum_min_after_training", "row_sum_max_after_training", "mean_row_sum_deviation_at_init"),
}


def _value(value) -> str:
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value) or "none"
    return str(value)


def evidence_text(code: str, evidence: dict) -> str:
    keys = [k for k in KEY_EVIDENCE.get(code, ()) if k in evidence] or list(evidence)[:3]
    return ", ".join(f"{k}={_value(evidence[k])}" for k in keys)


def _fit_place(report: dict) -> str:
    if report.get("fit_cell"):
        return f"cell {report['fit_cell']}, line {report['fit_line_in_cell']}"
    return f"line {report.get('fit_line')}"


def _header(report: dict) -> list[str]:
    model = report.get("model", {})
    optimizer = model.get("optimizer", {})
    parts = [f"device {report['device']}", f"{report['steps']} training steps",
             f"{report['elapsed_seconds']:.1f} s"]
    if report.get("synthetic"):
        parts.append("synthetic data")
    if report.get("time_limited_stages"):
        parts.append(f"cut short by --timeout: {', '.join(report['time_limited_stages'])}")
    lines = [f"kerlint probe {report['script']} ({', '.join(parts)})"]
    if model:
        lines.append(
            f"  {'train_on_batch' if model.get('data_source') == 'train_on_batch loop' else 'fit()'} at "
            f"{_fit_place(report)}: {model.get('class')} with {model.get('weight_layers')} "
            f"weight layers, loss {model.get('loss')}, {optimizer.get('class', '?')} "
            f"lr {optimizer.get('learning_rate', '?')}, batch {model.get('batch_size')}, "
            f"{model.get('sample_size')} samples from {model.get('data_source')}")
    return lines


def diagnosis_lines(report: dict) -> list[str]:
    """The ranked causes, each with its evidence, the static findings it confirms and the fix; then what
    the probe cannot judge."""
    ranked = report.get("diagnosis") or {}
    causes = ranked.get("causes", [])
    if not causes:
        lines = ["Diagnosis: nothing the probe measured points at a cause."]
    else:
        lines = ["Diagnosis (most likely cause first)"]
        for cause in causes:
            lines.append(f"  {cause['rank']}. [{cause['level']}] {cause['title']} ({cause['category']})")
            lines += [f"       evidence: {fact}" for fact in cause["evidence"]]
            for finding in cause["confirms"]:
                lines.append(f"       confirms line {finding['line']}: {finding['code']} {finding['message']}")
                if finding["fix"]:
                    lines.append(f"         fix: {finding['fix']}")
            if not cause["confirms"]:
                lines.append(f"       fix: {cause['fix']}")
    if ranked.get("cannot_judge"):
        lines.append("  The probe cannot judge: " + "; ".join(ranked["cannot_judge"]) + ".")
    return lines


def _migration_place(item: dict) -> str:
    if item.get("cell"):
        return f"cell {item['cell']}, line {item['line_in_cell']}"
    return f"line {item.get('line') or '?'}"


def migration_notice(report: dict) -> list[str]:
    """The rewrites the probe applied in memory to run an old script (the file is untouched); --no-migrate."""
    items = report.get("migrations") or []
    if not items:
        return []
    lines = [f"  ran with {len(items)} in-memory rewrite(s) for this Keras (your file is unchanged; --no-migrate "
             "runs it as written):"]
    lines += [f"    {_migration_place(m)}: {m.get('code', '')} {m.get('message', '')}".rstrip() for m in items]
    return lines


def render(report: dict) -> str:
    if report["status"] != "ok":
        return render_error(report)
    lines = _header(report) + migration_notice(report) + [""] + diagnosis_lines(report) + ["", "Symptoms"]
    width = max((len(s["name"]) for s in report["symptoms"]), default=10)
    for s in report["symptoms"]:
        result = "OBSERVED" if s["observed"] else ("ok" if s["measured"] else "not measured")
        detail = evidence_text(s["code"], s["evidence"]) if s["measured"] else s.get("reason", "")
        lines.append(f"  {s['code']}  {s['name']:<{width}}  {result:<12}  {detail}")

    lines += ["", "Findings (kerlint check) and what the run says"]
    if not report["findings"]:
        lines.append("  " + (report.get("static_check_note") or "no static findings"))
    for f in report["findings"]:
        where = f"{os.path.basename(f['filename'])}:{f['location']['row']}:{f['location']['column']}"
        because = ""
        if f["verdict"] == "confirmed":
            because = f" by {', '.join(f['observed_symptoms'])}"
        elif f["verdict"] == "not-observed":
            because = f" ({', '.join(f['measured_symptoms'])} measured)"
        elif f.get("other_fit_line"):
            because = f" ({f['reason']})"
        elif not f.get("expected_symptoms"):
            because = " (no probe symptom maps to this rule)"
        else:
            because = f" ({', '.join(f['expected_symptoms'])} could not be measured)"
        lines.append(f"  {where}  {f['code']} {f['name']}: {f['verdict']}{because}")
        lines.append(f"      {f['message']}")
    if report["unpredicted_symptoms"]:
        lines += ["", "Observed symptoms no finding predicted: " + ", ".join(report["unpredicted_symptoms"])]

    fixes = suggested_fixes(report)
    if fixes:
        lines += ["", "Suggested fixes"] + [f"  {code}: {text}" for code, text in fixes]
    lines += ["", summary_line(report)]
    return "\n".join(lines) + "\n"


def summary_line(report: dict) -> str:
    """The last line: what was observed, out of what could be measured (never a silent "all clear")."""
    observed = sum(1 for s in report["symptoms"] if s["observed"])
    measured = sum(1 for s in report["symptoms"] if s["measured"])
    unmeasured = len(report["symptoms"]) - measured
    if measured == 0:
        return (f"Nothing could be measured: all {len(report['symptoms'])} symptoms failed (reasons above), so this "
                f"run says nothing about the model (exit status {report['exit_code']}).")
    line = f"{observed} symptom(s) observed out of {measured} measured"
    if unmeasured:
        line += f"; {unmeasured} could not be measured"
    return line + "."


def suggested_fixes(report: dict) -> list[tuple[str, str]]:
    """The fix text of each confirmed finding's rule and each unpredicted observed symptom."""
    try:
        docs = catalogue_module.load_catalogue()
    except Exception:  # noqa: BLE001
        docs = {}
    codes = [f["code"] for f in report["findings"] if f["verdict"] == "confirmed"]
    codes += report["unpredicted_symptoms"]
    out, seen = [], set()
    for code in codes:
        doc = docs.get(code)
        if code in seen or doc is None or not doc.fix.strip():
            continue
        seen.add(code)
        out.append((code, " ".join(doc.fix.split())))
    return out


def render_error(report: dict) -> str:
    error = report.get("error", {})
    lines = [f"kerlint probe: {error.get('message', report['status'])}"] + migration_notice(report)
    if error.get("code"):
        place = f"cell {error['cell']}, line {error['line_in_cell']}" if error.get("cell") else f"line {error['line']}"
        lines.append(f"  {place}: {error['code']}")
    if error.get("traceback_tail") and error.get("exception") != "SystemExit":
        lines += ["", "Traceback (most recent call last, the script's frames only):"]
        lines += ["  " + line for line in error["traceback_tail"]]
    exited = error.get("exception") == "SystemExit"  # a script that sys.exit()s says why on its own stderr
    if error.get("output_tail") and (exited or not error.get("traceback_tail")):
        lines += ["", "Last lines of the script's output:"] + ["  " + line for line in error["output_tail"]]
    if error.get("missing_paths") and report["status"] != "missing-data":
        lines += ["", "Files and folders the script tried to read that do not exist: "
                  + ", ".join(error["missing_paths"])]
    if report["status"] in ("script-error", "missing-data", "no-fit", "crashed"):
        lines += ["", "Nothing was measured. Fix the script (or probe it with --synthetic if it needs a dataset "
                      "download) and run kerlint probe again."]
    if report["findings"]:
        lines += ["", f"The static check still found {len(report['findings'])} issue(s); "
                      "run `kerlint check` on the script to see them."]
    lines.append(f"exit status {report['exit_code']}")
    return "\n".join(lines) + "\n"
