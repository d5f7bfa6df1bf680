"""Suppressions: line, statement-first-line, bare and file-level directives; unused ones (KL001)."""

from __future__ import annotations

import textwrap

import pytest

from kerlint import suppress
from kerlint.config import Settings
from kerlint.units import SourceUnit
from kerlint.violation import Position, Severity, Violation


def v(code, row, col=1, cell=None):
    return Violation(code, "some-rule", Severity.WARNING, "m", "m.py", Position(row, col), Position(row, col + 1),
                     cell=cell)


def kept(text, violations, settings=None, cell_map=None):
    unit = SourceUnit("m.py", textwrap.dedent(text), cell_map=cell_map or {})
    return suppress.apply(violations, unit, settings or Settings())


def codes_rows(violations):
    return [(x.code, x.location.row) for x in violations]


def test_line_noqa_suppresses_only_its_codes():
    text = """\
        a = 1  # noqa: KL101
        b = 2  # noqa:KL101,KL102
        c = 3  # NOQA: KL101 KL102 because the head is tiny
        """
    out = kept(text, [v("KL101", 1), v("KL102", 1), v("KL102", 2), v("KL102", 3), v("KL104", 3)])
    assert codes_rows(out) == [("KL102", 1), ("KL104", 3)]


def test_bare_noqa_suppresses_everything_on_the_line():
    out = kept("a = 1  # noqa\nb = 2\n", [v("KL101", 1), v("KL303", 1), v("KL101", 2)])
    assert codes_rows(out) == [("KL101", 2)]


def test_noqa_on_first_line_of_a_multiline_statement():
    text = """\
        model = Sequential([  # noqa: KL101
            Dense(64, activation="sigmoid"),
            Dense(64, activation="sigmoid"),
        ])
        model.fit(x, y,
                  epochs=3)
        other = 1
        """
    out = kept(text, [v("KL101", 2), v("KL101", 3), v("KL303", 2), v("KL303", 5), v("KL101", 7)])
    assert codes_rows(out) == [("KL303", 2), ("KL303", 5), ("KL101", 7)]


def test_noqa_on_an_inner_line_covers_only_that_line():
    text = """\
        model = Sequential([
            Dense(64, activation="sigmoid"),  # noqa: KL101
            Dense(64, activation="sigmoid"),
        ])
        """
    assert codes_rows(kept(text, [v("KL101", 2), v("KL101", 3)])) == [("KL101", 3)]


def test_noqa_inside_a_string_is_not_a_directive():
    text = 's = "# noqa: KL101"\nt = """\n# kerlint: noqa\n"""\n'
    assert codes_rows(kept(text, [v("KL101", 1), v("KL303", 2)])) == [("KL101", 1), ("KL303", 2)]


def test_file_level_directives():
    assert kept("# kerlint: noqa\nx = 1\n", [v("KL101", 2), v("KL303", 2)]) == []
    out = kept("x = 1\n# kerlint: noqa: KL101, KL104\n", [v("KL101", 1), v("KL104", 1), v("KL303", 1)])
    assert codes_rows(out) == [("KL303", 1)]


def test_noqa_in_notebook_cells_uses_the_joined_text():
    # joined text lines 1-2 are cell 1, lines 3-5 are cell 3 (cell 2 was markdown)
    text = "import keras\nx = 1\nmodel = f(  # noqa: KL101\n  1,\n  2)\n"
    cell_map = {1: (1, 1), 2: (1, 2), 3: (3, 1), 4: (3, 2), 5: (3, 3)}
    out = kept(text, [v("KL101", 2, cell=3), v("KL101", 2, cell=1), v("KL303", 3, cell=3)], cell_map=cell_map)
    assert [(x.code, x.cell, x.location.row) for x in out] == [("KL101", 1, 2), ("KL303", 3, 3)]


def test_files_without_noqa_are_returned_untouched():
    violations = [v("KL101", 1)]
    assert kept("x = 1\n", violations) is violations


# ---- KL001 unused-noqa ---------------------------------------------------------------------------

REPORTING = Settings(report_unused_noqa=True)


def test_unused_directives_are_reported_only_when_asked():
    text = "a = 1  # noqa: KL101\n"
    assert kept(text, []) == []
    [unused] = kept(text, [], REPORTING)
    assert unused.code == "KL001" and unused.name == "unused-noqa"
    assert (unused.location.row, unused.location.column) == (1, 8)
    assert unused.end_location.column == len("a = 1  # noqa: KL101") + 1
    assert "unused: KL101" in unused.message


def test_partly_used_directive_reports_the_unused_codes():
    out = kept("a = 1  # noqa: KL101, KL303\n", [v("KL101", 1)], REPORTING)
    assert codes_rows(out) == [("KL001", 1)]
    assert "unused: KL303" in out[0].message and "KL101" not in out[0].message


def test_unknown_and_non_enabled_codes_are_named():
    settings = Settings(report_unused_noqa=True, ignore=("KL303",))
    [unused] = kept("a = 1  # noqa: KL303, KL9999, KL101\n", [], settings)
    assert "unknown: KL9999" in unused.message
    assert "non-enabled: KL303" in unused.message
    assert "unused: KL101" in unused.message


def test_bare_noqa_and_other_tools_codes_are_not_judged():
    assert kept("import os  # noqa\nimport sys  # noqa: F401, E501\n", [], REPORTING) == []


def test_unused_file_level_directive():
    out = kept("# kerlint: noqa: KL101\nx = 1\n", [], REPORTING)
    assert codes_rows(out) == [("KL001", 1)] and "file-level" in out[0].message
    out = kept("# kerlint: noqa\nx = 1\n", [], REPORTING)
    assert codes_rows(out) == [("KL001", 1)] and "blanket" in out[0].message
    assert kept("# kerlint: noqa\nx = 1\n", [v("KL101", 2)], REPORTING) == []


def test_kl001_respects_selection_and_per_file_ignores():
    text = "a = 1  # noqa: KL101\n"
    assert kept(text, [], Settings(report_unused_noqa=True, ignore=("KL001",))) == []
    assert kept(text, [], Settings(report_unused_noqa=True, ignore=("KL0",))) == []
    # asking for the report is enough, even when `select` names other rules only
    assert codes_rows(kept(text, [], Settings(report_unused_noqa=True, select=("KL1",)))) == [("KL001", 1)]
    pfi = Settings(report_unused_noqa=True, per_file_ignores=(("m.py", ("KL001",)),))
    assert kept(text, [], pfi) == []


def test_unused_directive_in_a_notebook_cell_reports_the_cell():
    text = "x = 1\ny = 2  # noqa: KL101\n"
    [unused] = kept(text, [], REPORTING, cell_map={1: (2, 1), 2: (4, 1)})
    assert (unused.cell, unused.location.row) == (4, 1)


@pytest.mark.parametrize("comment", ["#noqa:KL101", "# noqa : KL101", "# noqa:  KL101"])
def test_spelling_variants(comment):
    # "# noqa : KL101" is not a code list: it is a bare noqa (flake8 reads it the same way)
    assert kept(f"a = 1  {comment}\n", [v("KL101", 1)]) == []


def test_kl001_documented_examples():
    """rules/KL001.yaml's examples, run with the report turned on (the generic example test skips
    KL001 because it needs that setting)."""
    from kerlint.catalogue import load_catalogue
    from kerlint.engine import lint_text

    doc = load_catalogue()["KL001"]
    for source in doc.invalid:
        assert "KL001" in [x.code for x in lint_text(source, REPORTING, path="example.py")]
        assert "KL001" not in [x.code for x in lint_text(source, Settings(), path="example.py")]
    for source in doc.valid:
        assert "KL001" not in [x.code for x in lint_text(source, REPORTING, path="example.py")]


def apply_fix(line: str, violation) -> str:
    """Apply a one-line fix the way the fixer will: 1-based columns, end exclusive."""
    [edit] = violation.fix.edits
    assert edit.start.row == edit.end.row == violation.location.row
    return line[: edit.start.column - 1] + edit.content + line[edit.end.column - 1:]


@pytest.mark.parametrize("line, fixed", [
    ("x = 1  # noqa: KL101", "x = 1"),
    ("x = 1  # noqa: KL101, KL9999", "x = 1"),  # unknown codes go too
    ("x = 1  # noqa: KL101, E501", "x = 1  # noqa: E501"),  # other tools' codes stay
    ("x = 1  # noqa: E501 KL101", "x = 1  # noqa: E501"),
    ("x = 1  # noqa: KL101 -- old reason", "x = 1  # -- old reason"),
    ("x = 1  # type: ignore  # noqa: KL101", "x = 1  # type: ignore"),
    ("# kerlint: noqa: KL101", ""),
    ("# kerlint: noqa", ""),
])
def test_kl001_fix_removes_what_suppresses_nothing(line, fixed):
    [unused] = kept(line + "\n", [], REPORTING)
    assert unused.fix is not None and unused.fix.applicability.value == "safe"
    assert apply_fix(line, unused) == fixed


def test_kl001_fix_keeps_used_and_non_enabled_codes():
    line = "x = 1  # noqa: KL303, KL101, KL104"
    settings = Settings(report_unused_noqa=True, ignore=("KL104",))
    [unused] = kept(line + "\n", [v("KL303", 1)], settings)
    assert apply_fix(line, unused) == "x = 1  # noqa: KL303, KL104"
    [only_disabled] = kept("x = 1  # noqa: KL104\n", [], settings)
    assert only_disabled.fix is None  # the rule is only switched off in this run: keep it


def test_kl001_has_no_fix_inside_notebooks():
    [unused] = kept("y = 2  # noqa: KL101\n", [], REPORTING, cell_map={1: (2, 1)})
    assert unused.fix is None
