"""Helpers shared by the fix tests."""

import libcst as cst
import pytest

from kerlint.config import Settings
from kerlint.fix.session import fix_unit
from kerlint.units import SourceUnit


def fix_source(source: str, *, unsafe: bool, path: str = "example.py", settings: Settings | None = None):
    """Fix `source` to a fixed point in memory; returns the FileFix (fixed text in `.fixed`)."""
    return fix_unit(SourceUnit(path, source, raw=source.encode("utf-8")), settings or Settings(), unsafe)


def fixed_text(result) -> str:
    text = result.fixed.decode("utf-8")
    cst.parse_module(text)  # every fixed source must parse
    return text


@pytest.fixture
def fix():
    return fix_source


@pytest.fixture
def text_of():
    return fixed_text
