"""The probe's HTML report: one self-contained file (inline CSS and SVG, no scripts, no network).

Charts: per-layer gradient norms on a log scale, the loss and accuracy curves of the short training
run, and the dead/saturated share of each hidden activation layer. Every number in a chart is also in
the tables or the JSON.
"""

from __future__ import annotations

import html
import math
import os

from kerlint.probe.report_text import evidence_text, suggested_fixes, summary_line

WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM, PAD_TOP, PAD_RIGHT = 640, 240, 56, 64, 16, 16
COLORS = ("#3366cc", "#dc7633", "#2e8b57")


def _esc(value) -> str:
    return html.escape(str(value), quote=True)


def _numbers(values) -> list[float]:
    out = []
    for v in values:
        try:
            out.append(float(v))
        except (TypeError, ValueError):
            out.append(float("nan"))
    return out


def _frame(title: str, body: list[str], y_label: str) -> str:
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
            f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{_esc(title)}">'
            f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>'
            f'<line x1="{PAD_LEFT}" y1="{PAD_TOP}" x2="{PAD_LEFT}" y2="{PAD_TOP + plot_h}" stroke="#888"/>'
            f'<line x1="{PAD_LEFT}" y1="{PAD_TOP + plot_h}" x2="{WIDTH - PAD_RIGHT}" y2="{PAD_TOP + plot_h}" '
            f'stroke="#888"/>'
            f'<text x="12" y="{PAD_TOP + plot_h / 2}" font-size="11" transform="rotate(-90 12 '
            f'{PAD_TOP + plot_h / 2})" text-anchor="middle">{_esc(y_label)}</text>'
            + "".join(body) + "</svg>")


def log_bar_chart(title: str, labels: list[str], values: list[float], y_label: str) -> str:
    """Bars on a log10 axis (gradient norms span many decades)."""
    values = _numbers(values)
    positive = [v for v in values if math.isfinite(v) and v > 0]
    if not positive:
        return f"<p>{_esc(title)}: no finite non-zero values to plot.</p>"
    low, high = math.floor(math.log10(min(positive))), math.ceil(math.log10(max(positive)))
    high = max(high, low + 1)
    plot_w, plot_h = WIDTH - PAD_LEFT - PAD_RIGHT, HEIGHT - PAD_TOP - PAD_BOTTOM
    slot = plot_w / len(values)
    body = []
    for decade in range(low, high + 1):
        y = PAD_TOP + plot_h * (1 - (decade - low) / (high - low))
        body.append(f'<line x1="{PAD_LEFT}" y1="{y:.1f}" x2="{WIDTH - PAD_RIGHT}" y2="{y:.1f}" stroke="#eee"/>'
                    f'<text x="{PAD_LEFT - 4}" y="{y + 4:.1f}" font-size="10" text-anchor="end">1e{decade}</text>')
    for i, (label, value) in enumerate(zip(labels, values)):
        x = PAD_LEFT + i * slot + slot * 0.15
        if math.isfinite(value) and value > 0:
            height = plot_h * (math.log10(value) - low) / (high - low)
            body.append(f'<rect x="{x:.1f}" y="{PAD_TOP + plot_h - height:.1f}" width="{slot * 0.7:.1f}" '
                        f'height="{max(height, 1):.1f}" fill="{COLORS[0]}"><title>{_esc(label)}: {value:.3g}'
                        f'</title></rect>')
        else:
            body.append(f'<text x="{x:.1f}" y="{PAD_TOP + plot_h - 4}" font-size="10" fill="#c00">{_esc(value)}</text>')
        body.append(_x_label(PAD_LEFT + (i + 0.5) * slot, label))
    return _frame(title, body, y_label)


def _x_label(x: float, label: str) -> str:
    y = HEIGHT - PAD_BOTTOM + 12
    return (f'<text x="{x:.1f}" y="{y}" font-size="10" text-anchor="end" '
            f'transform="rotate(-35 {x:.1f} {y})">{_esc(label[:18])}</text>')


def grouped_bar_chart(title: str, labels: list[str], series: dict[str, list[float]], y_label: str,
                      threshold: float | None = None) -> str:
    """Bars for values in [0, 1], one colour per series, with the symptom threshold as a dashed line."""
    plot_w, plot_h = WIDTH - PAD_LEFT - PAD_RIGHT, HEIGHT - PAD_TOP - PAD_BOTTOM
    slot = plot_w / max(len(labels), 1)
    body = []
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        y = PAD_TOP + plot_h * (1 - tick)
        body.append(f'<line x1="{PAD_LEFT}" y1="{y:.1f}" x2="{WIDTH - PAD_RIGHT}" y2="{y:.1f}" stroke="#eee"/>'
                    f'<text x="{PAD_LEFT - 4}" y="{y + 4:.1f}" font-size="10" text-anchor="end">{tick:g}</text>')
    bar_w = slot * 0.7 / max(len(series), 1)
    for s, (name, values) in enumerate(series.items()):
        for i, value in enumerate(_numbers(values)):
            if not math.isfinite(value):
                continue
            height = plot_h * min(max(value, 0), 1)
            x = PAD_LEFT + i * slot + slot * 0.15 + s * bar_w
            body.append(f'<rect x="{x:.1f}" y="{PAD_TOP + plot_h - height:.1f}" width="{bar_w:.1f}" '
                        f'height="{height:.1f}" fill="{COLORS[s % len(COLORS)]}"><title>{_esc(labels[i])} '
                        f'{_esc(name)}: {value:.3g}</title></rect>')
    for i, label in enumerate(labels):
        body.append(_x_label(PAD_LEFT + (i + 0.5) * slot, label))
    if threshold is not None:
        y = PAD_TOP + plot_h * (1 - threshold)
        body.append(f'<line x1="{PAD_LEFT}" y1="{y:.1f}" x2="{WIDTH - PAD_RIGHT}" y2="{y:.1f}" stroke="#c00" '
                    f'stroke-dasharray="4 3"/>')
    body.append(_legend(list(series)))
    return _frame(title, body, y_label)


def _legend(names: list[str]) -> str:
    parts = []
    for i, name in enumerate(names):
        x = WIDTH - PAD_RIGHT - 175
        y = PAD_TOP + 4 + i * 14
        parts.append(f'<rect x="{x}" y="{y}" width="10" height="10" fill="{COLORS[i % len(COLORS)]}"/>'
                     f'<text x="{x + 14}" y="{y + 9}" font-size="10">{_esc(name)}</text>')
    return "".join(parts)


def line_chart(title: str, series: dict[str, list[float]], y_label: str, y_range=None) -> str:
    """Lines over training steps; non-finite points are left out (and the gap shows)."""
    clean = {name: _numbers(values) for name, values in series.items() if values}
    finite = [v for values in clean.values() for v in values if math.isfinite(v)]
    if not finite:
        return f"<p>{_esc(title)}: no finite values to plot.</p>"
    low, high = y_range or (min(finite), max(finite))
    if high - low < 1e-12:
        high = low + 1
    steps = max(len(v) for v in clean.values())
    plot_w, plot_h = WIDTH - PAD_LEFT - PAD_RIGHT, HEIGHT - PAD_TOP - PAD_BOTTOM
    body = []
    for k in range(5):
        value = low + (high - low) * k / 4
        y = PAD_TOP + plot_h * (1 - k / 4)
        body.append(f'<line x1="{PAD_LEFT}" y1="{y:.1f}" x2="{WIDTH - PAD_RIGHT}" y2="{y:.1f}" stroke="#eee"/>'
                    f'<text x="{PAD_LEFT - 4}" y="{y + 4:.1f}" font-size="10" text-anchor="end">{value:.3g}</text>')
    for s, (name, values) in enumerate(clean.items()):
        points = []
        for i, v in enumerate(values):
            if math.isfinite(v):
                x = PAD_LEFT + plot_w * (i / max(steps - 1, 1))
                y = PAD_TOP + plot_h * (1 - (min(max(v, low), high) - low) / (high - low))
                points.append(f"{x:.1f},{y:.1f}")
        body.append(f'<polyline fill="none" stroke="{COLORS[s % len(COLORS)]}" stroke-width="1.5" '
                    f'points="{" ".join(points)}"/>')
    body.append(f'<text x="{WIDTH - PAD_RIGHT}" y="{HEIGHT - PAD_BOTTOM + 28}" font-size="10" '
                f'text-anchor="end">training step (1-{steps})</text>')
    body.append(_legend(list(clean)))
    return _frame(title, body, y_label)


CSS = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; max-width: 980px; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
td, th { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; font-size: 14px; }
.observed { background: #fde2e1; font-weight: bold; }
.confirmed { color: #b00020; font-weight: bold; }
.not-observed { color: #2e7d32; }
.inconclusive { color: #666; }
code { background: #f4f4f4; padding: 0 3px; }
figure { margin: 1em 0; }
"""


def rich(text: str) -> str:
    """Escaped text with the catalogue's `inline code` spans as <code> (never raw backticks)."""
    parts = _esc(text).split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: keep it as text
        return _esc(text)
    return "".join(f"<code>{part}</code>" if i % 2 else part for i, part in enumerate(parts))


def render(report: dict) -> str:
    curves = report.get("curves", {})
    title = f"kerlint probe: {os.path.basename(report['script'])}"
    out = [f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{_esc(title)}</title>"
           f"<style>{CSS}</style></head><body><h1>{_esc(title)}</h1>"]
    out.append(f"<p>device {_esc(report['device'])}, {report['steps']} training steps, "
               f"{report['elapsed_seconds']:.1f} s, status <b>{_esc(report['status'])}</b>, "
               f"exit code {report['exit_code']}.</p>")
    if report["status"] != "ok":
        error = report.get("error", {})
        out.append(f"<p class=\"observed\">{_esc(error.get('message', ''))}</p>")
        tail = error.get("traceback_tail") or error.get("output_tail") or []
        out.append("<pre>" + _esc("\n".join(tail)) + "</pre></body></html>")
        return "".join(out)

    out.append(f"<p><b>{_esc(summary_line(report))}</b></p>")
    out += _diagnosis_html(report.get("diagnosis") or {})
    out.append("<h2>Symptoms</h2><table><tr><th>code</th><th>symptom</th><th>result</th><th>evidence</th></tr>")
    for s in report["symptoms"]:
        result = "observed" if s["observed"] else ("ok" if s["measured"] else "not measured")
        detail = evidence_text(s["code"], s["evidence"]) if s["measured"] else s.get("reason", "")
        row_class = ' class="observed"' if s["observed"] else ""
        out.append(f"<tr{row_class}><td>{s['code']}</td><td>{_esc(s['name'])}</td><td>{result}</td>"
                   f"<td>{_esc(detail)}</td></tr>")
    out.append("</table>")

    out.append("<h2>Findings and verdicts</h2>")
    if report["findings"]:
        out.append("<table><tr><th>where</th><th>rule</th><th>verdict</th><th>message</th></tr>")
        for f in report["findings"]:
            symptoms = ", ".join(f["observed_symptoms"] or f["measured_symptoms"])
            out.append(f"<tr><td>line {f['location']['row']}</td><td>{f['code']} {_esc(f['name'])}</td>"
                       f"<td class=\"{f['verdict']}\">{f['verdict']} {_esc(symptoms)}</td>"
                       f"<td>{rich(f['message'])}</td></tr>")
        out.append("</table>")
    else:
        out.append(f"<p>{_esc(report.get('static_check_note') or 'No static findings.')}</p>")
    if report["unpredicted_symptoms"]:
        out.append(f"<p>Observed symptoms no finding predicted: {_esc(', '.join(report['unpredicted_symptoms']))}</p>")

    out.append("<h2>Charts</h2>")
    grads = curves.get("gradient_norms") or []
    if grads:
        out.append("<figure>" + log_bar_chart("gradient norms", [g["layer"] for g in grads],
                                              [g["norm"] for g in grads], "gradient L2 norm (log)")
                   + "<figcaption>Gradient norm of each weight layer's kernel at initialisation, input side on "
                     "the left. Vanishing gradients show as a staircase falling to the left.</figcaption></figure>")
    if curves.get("loss"):
        out.append("<figure>" + line_chart("loss", {"training loss (per batch)": curves["loss"],
                                                    "overfit test, 16 samples": curves.get("overfit_loss", [])},
                                           "loss") + "<figcaption>Loss per step.</figcaption></figure>")
    if curves.get("accuracy"):
        out.append("<figure>" + line_chart("accuracy", {"training accuracy (per batch)": curves["accuracy"]},
                                           "accuracy", (0.0, 1.0)) + "<figcaption>Accuracy per step.</figcaption>"
                                                                     "</figure>")
    out += _activation_figures(curves, report)

    fixes = suggested_fixes(report)
    if fixes:
        out.append("<h2>Suggested fixes</h2><ul>")
        out += [f"<li><b>{code}</b>: {rich(text)}</li>" for code, text in fixes]
        out.append("</ul>")
    out.append("</body></html>")
    return "".join(out)


def _diagnosis_html(ranked: dict) -> list[str]:
    out = ["<h2>Diagnosis</h2>"]
    causes = ranked.get("causes", [])
    if not causes:
        out.append("<p>Nothing the probe measured points at a cause.</p>")
    else:
        out.append("<ol>")
        for cause in causes:
            items = [f"<li><b class=\"{'confirmed' if cause['level'] == 'error' else ''}\">{_esc(cause['title'])}"
                     f"</b> ({_esc(cause['category'])})<ul>"]
            items += [f"<li>evidence: {_esc(fact)}</li>" for fact in cause["evidence"]]
            for finding in cause["confirms"]:
                items.append(f"<li>confirms line {finding['line']}: {finding['code']} {rich(finding['message'])}"
                             + (f"<br>fix: {rich(finding['fix'])}" if finding["fix"] else "") + "</li>")
            if not cause["confirms"]:
                items.append(f"<li>fix: {rich(cause['fix'])}</li>")
            out.append("".join(items) + "</ul></li>")
        out.append("</ol>")
    if ranked.get("cannot_judge"):
        out.append("<p>The probe cannot judge:</p><ul>" +
                   "".join(f"<li>{_esc(item)}</li>" for item in ranked["cannot_judge"]) + "</ul>")
    return out


def _activation_figures(curves: dict, report: dict) -> list[str]:
    init = curves.get("activations_at_init") or []
    after = {a["layer"]: a for a in curves.get("activations_after_training") or []}
    figures = []
    for key, label, code in (("dead_fraction", "dead ReLU share", "KP104"),
                             ("saturated_fraction", "saturated share (|x| > 5)", "KP105")):
        rows = [a for a in init if key in a]
        if not rows:
            continue
        threshold = next((s["evidence"].get("threshold") for s in report["symptoms"] if s["code"] == code), None)
        series = {"at initialisation": [a[key] for a in rows]}
        if after:
            series["after the training run"] = [after.get(a["layer"], {}).get(key, float("nan")) for a in rows]
        figures.append("<figure>" + grouped_bar_chart(label, [a["layer"] for a in rows], series, label, threshold)
                       + f"<figcaption>{label} per hidden layer; dashed line: the {code} threshold."
                         "</figcaption></figure>")
    return figures
