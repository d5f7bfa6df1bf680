"""Small facts read straight off libcst nodes, shared by the extractor, the IR helpers and the fixers."""

from __future__ import annotations

import libcst as cst


def dotted(node: cst.CSTNode) -> str:
    """`a.b.c` for a Name/Attribute chain, "" for anything else."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        owner = dotted(node.value)
        return f"{owner}.{node.attr.value}" if owner else ""
    return ""
