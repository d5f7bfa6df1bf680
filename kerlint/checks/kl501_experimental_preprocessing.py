"""KL501 experimental-preprocessing: `keras.layers.experimental.preprocessing`, whose layers moved to
`keras.layers` in TF 2.6.

Target Keras 3: an error (the import fails); TF 2.6-2.15: info (a deprecated alias of the same classes);
before 2.6: not reported. The fix (safe) drops `.experimental.preprocessing`:
`layers.experimental.preprocessing.Rescaling(...)` becomes `layers.Rescaling(...)`, and
`from tensorflow.keras.layers.experimental.preprocessing import RandomFlip` becomes
`from tensorflow.keras.layers import RandomFlip`. `from ...experimental import preprocessing` binds a module
name used elsewhere, so it gets no mechanical fix; nor do names keras.layers does not export
(PreprocessingLayer) or `import *`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.api import INFO, at_least, uses
from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.fix.context import SAFE, FixContext, nodes_of_type
from kerlint.ir.keras_api import canonical
from kerlint.ir.model import FileIR
from kerlint.violation import Fix, Severity

# Names of experimental.preprocessing that keras.layers does not export: no rename for them.
NOT_IN_LAYERS = frozenset({"PreprocessingLayer", "CategoryCrossing"})


def _message(removed: bool, imported_name: bool) -> str:
    gone = "is gone in Keras 3 (the import fails)" if removed else "is a deprecated alias (removed in Keras 3)"
    return (f"keras.layers.experimental.preprocessing {gone}: its layers moved to keras.layers "
            "in TF 2.6 (layers.RandomFlip, layers.Rescaling, …)"
            + (" — import them from keras.layers" if imported_name else ""))


@dataclass(frozen=True, eq=False)
class ExperimentalPath(Diagnosis):
    """The `<prefix>.experimental.preprocessing` Attribute of an attribute chain or of a `from ... import`
    (fix: replace it by its `<prefix>`)."""

    node: cst.CSTNode
    removed: bool  # the target is Keras 3

    @property
    def severity(self) -> Severity | None:
        return None if self.removed else INFO

    @property
    def message(self) -> str:
        return _message(self.removed, imported_name=False)

    def fix(self, ctx: FixContext) -> Fix | None:
        node = self.node
        if not _is_experimental_preprocessing(node):
            return None
        used = _names_used(ctx.module, node)
        if not used or used & NOT_IN_LAYERS or "*" in used:
            return None
        prefix = node.value.value
        return ctx.fix(f"Use `{ctx.code(prefix)}` instead of `{ctx.code(node)}`", SAFE, [ctx.replace(node, prefix)])


@dataclass(frozen=True, eq=False)
class PreprocessingModuleImport(Diagnosis):
    """`from <prefix>.experimental import preprocessing` (the whole ImportFrom): the name binds a module used
    elsewhere, so there is no mechanical rename."""

    node: cst.ImportFrom
    removed: bool

    @property
    def severity(self) -> Severity | None:
        return None if self.removed else INFO

    @property
    def message(self) -> str:
        return _message(self.removed, imported_name=True)


def _names_used(module: cst.Module, node: cst.Attribute) -> set[str]:
    """What is taken from the `...experimental.preprocessing` module `node`: the attribute read off
    it (`node.RandomFlip`), or the names a `from <node> import ...` imports."""
    names = {attribute.attr.value for attribute in nodes_of_type(module, cst.Attribute) if attribute.value is node}
    for statement in nodes_of_type(module, cst.ImportFrom):
        if statement.module is node:
            if isinstance(statement.names, cst.ImportStar):
                names.add("*")
            else:
                names.update(alias.name.value for alias in statement.names if isinstance(alias.name, cst.Name))
    return names


def _is_experimental_preprocessing(node: cst.CSTNode) -> bool:
    return (isinstance(node, cst.Attribute) and node.attr.value == "preprocessing"
            and isinstance(node.value, cst.Attribute) and node.value.attr.value == "experimental")


@rule("KL501", scope="file", diagnoses=(ExperimentalPath, PreprocessingModuleImport))
def removed_experimental_preprocessing(file: FileIR, opts: Options) -> Iterator[Diagnosis]:
    if not at_least(opts, 2, 6):
        return
    removed = at_least(opts, 3)
    for use in uses(file, "experimental-preprocessing"):
        family, _ = canonical(use.detail.get("path", ""))
        if family != "keras":
            continue
        if use.detail.get("imported_name"):
            yield PreprocessingModuleImport(use.node, removed)
        else:
            yield ExperimentalPath(use.node, removed)
