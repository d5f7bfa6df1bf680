"""The `kerlint probe` command. The main CLI imports `probe_command` only when `probe` is invoked."""

from __future__ import annotations

import json
import os
import sys
import time

import click

from kerlint.probe.evidence import DEFAULT_THRESHOLDS
from kerlint.probe.runner import ProbeInterrupted, ProbeRequest
from kerlint.probe.session import run_probe


def _parse_thresholds(values: tuple[str, ...]) -> dict:
    out = {}
    for item in values:
        name, sep, raw = item.partition("=")
        name = name.strip().replace("-", "_")
        if not sep or name not in DEFAULT_THRESHOLDS:
            known = ", ".join(sorted(DEFAULT_THRESHOLDS))
            raise click.BadParameter(f"{item!r}: expected NAME=VALUE with NAME one of: {known}",
                                     param_hint="--threshold")
        from kerlint.catalogue import option_specs

        try:  # of the type and in the range its rules/KPxxx.yaml entry declares, as in a config file
            out[name] = option_specs()[name][1].parse_text(raw)
        except ValueError as exc:
            raise click.BadParameter(f"{item!r}: {exc}", param_hint="--threshold") from None
    return out


class Progress:
    """Stage names on stderr with the elapsed time; rewritten in place on a terminal."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.started = time.monotonic()
        self.tty = sys.stderr.isatty()

    def __call__(self, stage: str) -> None:
        if not self.enabled:
            return
        line = f"kerlint probe [{time.monotonic() - self.started:5.1f}s] {stage}"
        if self.tty:
            sys.stderr.write("\r\033[K" + line)
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    def done(self) -> None:
        if self.enabled and self.tty:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


class _ProbeCommand(click.Command):
    """An unknown option after SCRIPT is almost always meant for the script: say `--`, not "did you mean"."""

    def parse_args(self, ctx, args):
        given = list(args)  # click consumes the list it parses
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as exc:
            position = next((i for i, a in enumerate(given) if a.split("=", 1)[0] == exc.option_name), None)
            script = next((a for a in given[:position] if a.endswith((".py", ".ipynb"))), None) \
                if position is not None else None
            if script is None:
                raise
            raise click.UsageError(
                f"No such option: {exc.option_name}. kerlint probe's own options go before the script; "
                f"arguments for the script go after `--`: kerlint probe {script} -- {' '.join(given[position:])}",
                ctx) from None


@click.command("probe", cls=_ProbeCommand, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("script", type=click.Path(exists=True, dir_okay=False, readable=True))
@click.argument("script_args", nargs=-1, type=click.UNPROCESSED)
@click.option("--max-steps", type=click.IntRange(min=1), default=200, show_default=True,
              help="Training steps for the short run on a copy of the model (and the overfit test's cap).")
@click.option("--timeout", type=click.FloatRange(min=1), default=300, show_default=True,
              help="Seconds for the whole run. The training run and overfit test are cut short to fit; "
                   "a script that has not finished the probe by then has its process group killed (exit 4).")
@click.option("--time-budget", type=click.FloatRange(min=0), default=15, show_default=True, metavar="SECONDS",
              help="Seconds the measurements may take once fit() is reached (0: no cap besides --timeout). The "
                   "training run and the overfit test stop early to keep within it; what they could not judge "
                   "in that time is reported as not measured.")
@click.option("--device", type=click.Choice(["auto", "cpu", "gpu"]), default="auto", show_default=True,
              help="auto: a GPU if TensorFlow sees one; cpu hides GPUs; gpu requires one.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed for TF, numpy and Python.")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--report", "report_path", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also write a self-contained HTML report (charts) to this file.")
@click.option("--synthetic", is_flag=True,
              help="Offline data: keras.datasets loaders, get_file downloads and missing image folders "
                   "become class-structured synthetic data of the same shape, dtype and range.")
@click.option("--threshold", "thresholds", multiple=True, metavar="NAME=VALUE",
              help="Override a symptom threshold, e.g. --threshold vanishing_ratio=1e-4 (repeatable).")
@click.option("--memory-limit", "memory_limit_mb", type=click.IntRange(min=0), default=None, metavar="MB",
              help="Data-memory limit for the script's process (default: 80% of RAM; 0: none).")
@click.option("--no-migrate", is_flag=True,
              help="Run the script exactly as written: no in-memory Keras 1/2 -> 3 rewrites (lr= -> learning_rate=, "
                   "keras.layers.core -> keras.layers, ...) and no stand-ins for removed names (time.clock).")
@click.option("-q", "--quiet", is_flag=True, help="No progress lines on stderr.")
def probe_command(script, script_args, max_steps, timeout, time_budget, device, seed, output_format, report_path,
                  synthetic, thresholds, memory_limit_mb, no_migrate, quiet):
    """Run SCRIPT (a .py file or a notebook) with Model.fit intercepted and measure why the model
    would train badly; then give each `kerlint check` finding a verdict.

    \b
    Arguments for the script go after `--`:
        kerlint probe train.py -- --epochs 3

    \b
    Exit status:
        0  no symptom observed          3  the script failed, or never called fit()
        1  symptoms observed            4  timeout
        2  usage error                  5  the probe itself failed, or measured nothing
        128+N  interrupted by signal N (143 SIGTERM, 130 SIGINT); the script was stopped
    """
    if report_path:  # fail now, not after the run
        folder = os.path.dirname(os.path.abspath(report_path))
        if not os.path.isdir(folder) or not os.access(folder, os.W_OK):
            raise click.BadParameter(f"cannot write {report_path}: {folder} is not a writable folder",
                                     param_hint="--report")
    request = ProbeRequest(script=script, script_args=list(script_args), max_steps=max_steps, timeout=timeout,
                           time_budget=time_budget or None, device=device, seed=seed, synthetic=synthetic, thresholds=_parse_thresholds(thresholds),
                           memory_limit_mb=memory_limit_mb, migrate=not no_migrate)
    progress = Progress(enabled=not quiet)
    try:
        report = run_probe(request, progress)
    except ProbeInterrupted as stop:
        progress.done()
        click.echo(f"kerlint probe: interrupted by {stop.name}; the script and the processes it started were "
                   "stopped and the temporary folder removed", err=True)
        sys.exit(stop.exit_status)
    progress.done()
    if report_path:
        from kerlint.probe import report_html

        with open(report_path, "w", encoding="utf-8") as fh:
            fh.write(report_html.render(report))
    if output_format == "json":
        click.echo(json.dumps(report, indent=2, allow_nan=False))
    else:
        from kerlint.probe import report_text

        output = report_text.render(report)
        click.echo(output, nl=False, err=report["status"] != "ok")
        if report_path:
            click.echo(f"HTML report written to {report_path}", err=True)
    sys.exit(report["exit_code"])


def main() -> None:  # `python -m kerlint.probe.cli` works without the main CLI
    probe_command()


if __name__ == "__main__":
    main()
