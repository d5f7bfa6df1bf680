"""The README stays true to the catalogue and to its two-command quick start."""

import re
from pathlib import Path

from kerlint.catalogue import load_catalogue

README = (Path(__file__).parent.parent / "README.md").read_text()


def test_readme_lists_every_rule_with_its_name_and_default_severity():
    rows = dict(re.findall(r"^\| (KL\d{3}) \| ([a-z0-9-]+) \|", README, re.M))
    catalogue = {code: doc for code, doc in load_catalogue().items() if not doc.is_symptom}
    assert set(rows) == set(catalogue)
    for code, name in rows.items():
        assert catalogue[code].name == name, code
    severities = dict(re.findall(r"^\| (KL\d{3}) \| [a-z0-9-]+ \| ([EWI])", README, re.M))
    for code, letter in severities.items():
        assert catalogue[code].severity.letter == letter, f"{code}: README says {letter}"


def test_quick_start_is_exactly_two_commands():
    section = README.split("## Quick start", 1)[1].split("##", 1)[0]
    block = re.search(r"```\n(.*?)```", section, re.S).group(1)
    assert block.split("\n")[:-1] == ["make demo", "make test"]
