"""The `kerlint` command line.

    kerlint check PATH...   lint files and folders (the static linter)
    kerlint rules           the rule catalogue, one line a rule
    kerlint rule KL101      one rule's documentation
    kerlint probe ...       the dry run (imported only when invoked: it needs TensorFlow)

`check` runs in four steps, each one function, so new flags hook in at one place:
`settings_from_flags` (flags -> a SettingsResolver), `collect_files`, `run_lint` (the engine over the
files) and `write_report` (formatters, --output-file, --statistics); `exit_code` decides 0/1/2.
Nothing here imports TensorFlow, and the engine is imported only when a check runs.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import click

import kerlint
from kerlint.config import CliOverrides, ConfigError, SettingsResolver, parse_selectors
from kerlint.report import FORMATS, RunInfo, render_report, render_statistics
from kerlint.violation import Position, Severity, Violation

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


# ---- a click group whose heavy subcommands are imported on first use ----------------------------


LAZY_EXTRAS = {"probe": "probe", "server": "lsp"}  # the extra a lazy subcommand's imports come from


class LazyGroup(click.Group):
    """`lazy_subcommands` maps a name to ("module:attribute", short help). The module is imported
    only when that subcommand runs (or its own --help is asked for), never for `kerlint --help`."""

    def __init__(self, *args, lazy_subcommands: dict[str, tuple[str, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy_subcommands = lazy_subcommands or {}

    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(self.lazy_subcommands))

    def get_command(self, ctx, cmd_name):
        if cmd_name in self.lazy_subcommands:
            return self._load(cmd_name)
        return super().get_command(ctx, cmd_name)

    def _load(self, name: str) -> click.Command:
        target, _ = self.lazy_subcommands[name]
        module_name, attribute = target.split(":")
        try:
            command = getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError) as exc:
            raise click.ClickException(
                f"`kerlint {name}` is not available: {exc}. Install it with "
                f"`pip install kerlint[{LAZY_EXTRAS.get(name, name)}]`."
            ) from exc
        if not isinstance(command, click.Command):
            raise click.ClickException(f"{target} is not a click command")
        return command

    def format_commands(self, ctx, formatter):
        """Like click's, but lazy commands show their registered help without being imported."""
        rows = []
        for name in self.list_commands(ctx):
            if name in self.lazy_subcommands:
                rows.append((name, self.lazy_subcommands[name][1]))
                continue
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=formatter.width - 6 - len(name))))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(
    cls=LazyGroup,
    lazy_subcommands={
        "probe": ("kerlint.probe.cli:probe_command",
                  "Run the script for a few steps with fit() intercepted; confirm findings (needs TensorFlow)."),
        "server": ("kerlint.lsp.cli:server_command",
                   "Run the language server over stdio, for editors (needs the `lsp` extra)."),
    },
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(kerlint.__version__, "--version", "-V", prog_name="kerlint")
def main():
    """kerlint finds the reasons a Keras / TensorFlow model trains badly, before the run is spent."""


# ---- kerlint check -------------------------------------------------------------------------------


def _comma_list(values: tuple[str, ...] | str | None) -> tuple[str, ...]:
    """Flags given as `--ignore KL101,KL102` and/or repeated `--ignore KL101 --ignore KL102`."""
    if values is None:
        return ()
    if isinstance(values, str):
        values = (values,)
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _target_keras(value: str | None) -> str | None:
    if value is None:
        return None
    from kerlint.target import normalise

    try:
        return normalise(value)
    except ValueError as exc:
        raise ConfigError(f"--target-keras: {exc}") from None


def settings_from_flags(*, config: str | None = None, isolated: bool = False, select=None,
                        extend_select=(), ignore=(), exclude=(), fail_on: str | None = None,
                        show_unused_noqa: bool = False, compute_fixes: bool | None = None,
                        no_prefilter: bool = False, target_keras: str | None = None) -> SettingsResolver:
    """The command line's settings layer, over the config files it allows. Raises ConfigError.
    `compute_fixes=False` skips the fixes of findings (see `needs_fixes`)."""
    selected = _comma_list(select)
    overrides = CliOverrides(
        select=parse_selectors(selected, "--select") if select else None,
        extend_select=parse_selectors(_comma_list(extend_select), "--extend-select"),
        ignore=parse_selectors(_comma_list(ignore), "--ignore"),
        exclude=_comma_list(exclude),
        fail_on=Severity.parse(fail_on) if fail_on else None,
        report_unused_noqa=True if show_unused_noqa else None,
        compute_fixes=compute_fixes,
        prefilter=False if no_prefilter else None,
        target_keras=_target_keras(target_keras),
    )
    return SettingsResolver(overrides, config_path=config, isolated=isolated)


def needs_fixes(*, output_format: str, statistics: bool, fix: bool, unsafe_fixes: bool, diff: bool,
                show_fixes: bool) -> bool:
    """Whether anything this run prints uses the fixes of findings: the JSON report (its "fix" field),
    --statistics (its fixable mark) and the fix flags. text, concise, github and SARIF never show them."""
    return output_format == "json" or statistics or fix or unsafe_fixes or diff or show_fixes


def collect_files(paths: list[str], resolver: SettingsResolver, force_exclude: bool = False) -> list[str]:
    """Files to lint. Folders are walked (default excludes and --exclude prune them); configured
    `exclude` globs drop files found in folders, and named files too with --force-exclude."""
    from kerlint.sources import discover

    named = {os.path.normpath(p) for p in paths if not os.path.isdir(p)}
    files = []
    for path in discover(paths, resolver.overrides.exclude):
        explicit = os.path.normpath(path) in named
        if (force_exclude or not explicit) and resolver.for_path(path).is_excluded(path):
            continue
        files.append(path)
    return files


def run_lint(files: list[str], resolver: SettingsResolver, jobs: int | None = 1, use_cache: bool = False):
    """Lint each file under its own settings, with `jobs` processes (None: all cores) and the
    `.kerlint_cache/` when asked (kerlint.parallel). Returns a LintResult (violations sorted,
    files, internal_errors)."""
    from kerlint.parallel import lint_files

    cache = None
    if use_cache:
        from kerlint.cache import Cache

        cache = Cache()
    return lint_files(files, resolver.for_path, jobs=jobs, cache=cache)


def run_fixes(files: list[str], resolver: SettingsResolver, *, unsafe: bool, write: bool):
    """Fix each file to a fixed point under its own settings (kerlint.fix.session), writing the changed
    ones unless `write` is False. Returns (the LintResult for what remains, the FixRun)."""
    from kerlint.fix.session import fix_paths
    from kerlint.violation import LintResult

    fix_run = fix_paths(files, resolver.for_path, unsafe=unsafe, write=write)
    result = LintResult(violations=fix_run.violations, files=len(files),
                               internal_errors=fix_run.internal_errors)
    return result, fix_run


def report_fixes(result, fix_run, *, unsafe: bool, show_fixes: bool, dry_run: bool) -> None:
    """On stderr: what --fix/--diff did (or, without them, the fixes available with --show-fixes)."""
    if fix_run is None and not show_fixes:
        return  # nothing to say: do not import kerlint.fix (and libcst) for a run answered from the cache
    from kerlint.fix import report

    if fix_run is None:
        if show_fixes:
            click.echo(report.available_list(result.violations, unsafe), nl=False, err=True)
        return
    for message in fix_run.refused:
        click.echo(f"kerlint: warning: {message}", err=True)
    if show_fixes:
        click.echo(report.applied_list(fix_run.applied_by_file), nl=False, err=True)
    click.echo(report.applied_summary(fix_run.applied_by_file, result.violations, unsafe, dry_run=dry_run),
               nl=False, err=True)


def run_add_noqa(files: list[str], resolver: SettingsResolver) -> int:
    """--add-noqa: write the directives (kerlint.add_noqa), say how many on stderr; the exit code."""
    from kerlint.add_noqa import add_noqa_paths

    run = add_noqa_paths(files, resolver.for_path)
    for message in run.messages:
        click.echo(f"kerlint: warning: {message}", err=True)
    click.echo(f"Added {run.added} noqa directive{'' if run.added == 1 else 's'} to "
               f"{len(run.files_changed)} file{'' if len(run.files_changed) == 1 else 's'}.", err=True)
    return EXIT_ERROR if run.internal_errors else EXIT_CLEAN


def _internal_error(path: str, exc: Exception) -> Violation:
    from kerlint.catalogue import name_and_severity

    name, severity = name_and_severity("KL999")
    return Violation(code="KL999", name=name, severity=severity,
                     message=f"internal error: {type(exc).__name__}: {exc}; this is a bug in kerlint, "
                             "please report it with the file that triggers it",
                     filename=path, location=Position(1, 1), end_location=Position(1, 1))


def use_color(output_file: str | None) -> bool:
    """Colour only on a terminal, never into a file, and never when NO_COLOR is set."""
    if output_file or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def write_report(violations: list[Violation], *, output_format: str, files: int,
                 output_file: str | None = None, statistics: bool = False) -> None:
    run = RunInfo(files=files, color=use_color(output_file) and output_format in ("text", "concise"))
    if statistics:
        text = render_statistics(violations, as_json=output_format == "json")
    else:
        text = render_report(output_format, violations, run)
    if output_file:
        target = Path(output_file)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False, color=run.color)


def exit_code(result, resolver: SettingsResolver, exit_zero: bool) -> int:
    """2 on internal errors; else 1 when a finding reaches its file's fail-on severity (unless
    --exit-zero); else 0."""
    if result.internal_errors:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_CLEAN
    failing = any(v.severity >= resolver.for_path(v.filename).fail_on for v in result.violations)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _fail(message: str) -> None:
    click.echo(f"kerlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--output-format", type=click.Choice(list(FORMATS)), default="text", show_default=True,
              help="How findings are printed.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False), help="Write the report to this file.")
@click.option("--statistics", is_flag=True, help="Print how many findings each code has, instead of them.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]),
              help="Lowest severity that makes the exit code 1 [default: warning, or the config's fail-on].")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--select", multiple=True, metavar="CODES",
              help="Rules to enable, comma-separated codes or prefixes (KL1, KL20, ALL); replaces the config's.")
@click.option("--extend-select", multiple=True, metavar="CODES", help="Rules to enable in addition.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Rules to disable (codes or prefixes).")
@click.option("--exclude", multiple=True, metavar="GLOBS",
              help="Files or folders to skip, in addition to the defaults (.venv, .git, build, ...).")
@click.option("--force-exclude", is_flag=True,
              help="Apply excludes to files named on the command line too (for pre-commit).")
@click.option("--config", type=click.Path(exists=True, dir_okay=False),
              help="Use this config file (pyproject.toml, kerlint.toml or YAML) for every file.")
@click.option("--isolated", is_flag=True, help="Ignore all config files.")
@click.option("--show-unused-noqa", is_flag=True, help="Report `# noqa` directives that suppress nothing (KL001).")
@click.option("--fix", "fix", is_flag=True, help="Apply the safe fixes, then report the findings that remain.")
@click.option("--unsafe-fixes", is_flag=True,
              help="Include the unsafe fixes (they change the model or its training) in --fix, --diff, --show-fixes.")
@click.option("--diff", is_flag=True,
              help="Print the fixes as a unified diff and write nothing; exit 1 if there is any, else 0.")
@click.option("--show-fixes", is_flag=True, help="List the fixes applied (with --fix) or available.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="Lint with N processes [default: all cores]; 1 lints in this process.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the .kerlint_cache/ folder.")
@click.option("--no-prefilter", is_flag=True,
              help="Parse every file, also those that never mention keras/tensorflow (skipped by default).")
@click.option("--add-noqa", is_flag=True,
              help="Add `# noqa: CODE` for every current finding (adopting kerlint on existing code); report nothing.")
@click.option("--target-keras", metavar="VERSION",
              help="Keras version to judge removed APIs against (KL5xx), e.g. 3 or 2.15 "
                   "[default: the config's target-keras, else the project's declared or installed Keras, else 3].")
def check(paths, output_format, output_file, statistics, fail_on, exit_zero, select, extend_select, ignore,
          exclude, force_exclude, config, isolated, show_unused_noqa, fix, unsafe_fixes, diff, show_fixes,
          jobs, no_cache, no_prefilter, add_noqa, target_keras):
    """Lint Python files, notebooks and folders for reasons a model trains badly."""
    if config and isolated:
        _fail("--config and --isolated cannot be used together")
    if add_noqa and (fix or diff):
        _fail("--add-noqa cannot be used with --fix or --diff")
    try:
        resolver = settings_from_flags(config=config, isolated=isolated, select=select,
                                       extend_select=extend_select, ignore=ignore, exclude=exclude,
                                       fail_on=fail_on, show_unused_noqa=show_unused_noqa,
                                       no_prefilter=no_prefilter, target_keras=target_keras,
                                       compute_fixes=needs_fixes(output_format=output_format,
                                                                 statistics=statistics, fix=fix,
                                                                 unsafe_fixes=unsafe_fixes, diff=diff,
                                                                 show_fixes=show_fixes))
        files = collect_files(list(paths) or ["."], resolver, force_exclude=force_exclude)
        # Read every config file before linting, so a bad one fails the run before any output.
        for path in files:
            resolver.for_path(path)
        if add_noqa:
            sys.exit(run_add_noqa(files, resolver))
        fix_run = None
        if fix or diff:
            result, fix_run = run_fixes(files, resolver, unsafe=unsafe_fixes, write=not diff)
        else:
            result = run_lint(files, resolver, jobs=jobs, use_cache=not no_cache)
    except ConfigError as exc:
        _fail(str(exc))
    if diff:  # the diff replaces the report; the exit code says whether there is anything to fix
        click.echo(fix_run.diff(), nl=False)
        report_fixes(result, fix_run, unsafe=unsafe_fixes, show_fixes=show_fixes, dry_run=True)
        sys.exit(EXIT_ERROR if result.internal_errors else EXIT_FINDINGS if fix_run.changed else EXIT_CLEAN)
    try:
        write_report(result.violations, output_format=output_format, files=result.files,
                     output_file=output_file, statistics=statistics)
    except OSError as exc:
        _fail(f"cannot write the report to {output_file}: {exc.strerror or exc}")
    report_fixes(result, fix_run, unsafe=unsafe_fixes, show_fixes=show_fixes, dry_run=False)
    sys.exit(exit_code(result, resolver, exit_zero))


# ---- kerlint rules / kerlint rule CODE ---------------------------------------------------------


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_command(fmt):
    """List every rule and probe symptom: code, name, severity, fix safety, summary."""
    from kerlint.catalogue import load_catalogue

    docs = list(load_catalogue().values())
    if fmt == "json":
        import json

        rows = [{"code": d.code, "name": d.name, "severity": d.severity.label,
                 "fix_safety": None if d.is_symptom else d.fix_safety,
                 "kind": "symptom" if d.is_symptom else "rule", "summary": d.summary,
                 "options": {o.name: o.default for o in d.options}, "url": d.url} for d in docs]
        click.echo(json.dumps(rows, indent=2))
        return
    if not docs:
        click.echo("no rules found (the rules/ folder is empty)")
        return
    name_width = max(len(d.name) for d in docs)
    for d in docs:
        fix = "probe" if d.is_symptom else f"fix:{d.fix_safety}"
        click.echo(f"{d.code}  {d.name:<{name_width}}  {d.severity.label:<7}  {fix:<10}  {d.summary}")


@main.command("rule")
@click.argument("code")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True,
              help="markdown: the page docs/rules/CODE.md holds; json: every field of the rule's entry.")
def rule_command(code, fmt):
    """Print one rule's documentation (what it does, why, example, fix, options)."""
    from kerlint.catalogue import load_catalogue

    code = code.strip().upper()
    doc = load_catalogue().get(code)
    if doc is not None:
        if fmt == "json":
            import json

            click.echo(json.dumps(doc.as_dict(), indent=2))
        else:
            click.echo(doc.markdown(), nl=False)
        return
    _fail(f"unknown rule code {code!r}; `kerlint rules` lists them")


if __name__ == "__main__":  # pragma: no cover
    main()
