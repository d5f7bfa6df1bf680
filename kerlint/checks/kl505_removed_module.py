"""KL505 removed-keras-module: modules, and layers, that Keras 3 no longer has.

Target Keras 3: errors (ModuleNotFoundError / ImportError / AttributeError). Keras 2: only the removed modules
(keras.wrappers.scikit_learn, keras.engine) and layers (Merge, CuDNNLSTM), as warnings: the moved modules
still import there. The fixes (safe) import the same names from the module that holds them today:
`from keras.layers.core import Dense` -> `from keras.layers import Dense`; `keras.layers.core.Dense` ->
`keras.layers.Dense`; `from keras.utils import np_utils` -> `from keras import utils as np_utils` (so
`np_utils.to_categorical` keeps working); `from keras.preprocessing.image import ImageDataGenerator` ->
`from tensorflow.keras.preprocessing.image import ImageDataGenerator` (the same Keras 2 class, which only
tf.keras still ships); `layers.CuDNNLSTM` -> `layers.LSTM`. The names are the same objects, so nothing the model
computes changes. Removed modules with no replacement get no fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.api import WARNING, at_least, uses
from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.fix.calls import dotted
from kerlint.fix.context import SAFE, FixContext
from kerlint.ir.keras_api import canonical
from kerlint.ir.model import ApiUse, FileIR
from kerlint.violation import Fix, Severity


def _moved_message(path: str, where: str) -> str:
    return f"{path} is gone in Keras 3 (ModuleNotFoundError): its names are in {where}"


@dataclass(frozen=True, eq=False)
class MovedModule(Diagnosis):
    """`from keras.layers.core import Dense`: the ImportFrom's module (fix: `new_path`, the module of today)."""

    node: cst.CSTNode
    path: str
    new_path: str

    @property
    def message(self) -> str:
        return _moved_message(self.path, self.new_path)

    def fix(self, ctx: FixContext) -> Fix | None:
        if not isinstance(self.node, cst.Attribute) or not dotted(self.node):
            return None
        return ctx.fix(f"Import from `{self.new_path}`", SAFE, [ctx.replace(self.node, _module_node(self.new_path))])


@dataclass(frozen=True, eq=False)
class MovedModuleAttribute(Diagnosis):
    """`keras.layers.core` in an attribute chain (fix: the chain's owner, `keras.layers`)."""

    node: cst.CSTNode
    path: str

    @property
    def message(self) -> str:
        return _moved_message(self.path, "the module above it")

    def fix(self, ctx: FixContext) -> Fix | None:
        if not isinstance(self.node, cst.Attribute):
            return None
        return ctx.fix(f"Use `{ctx.code(self.node.value)}`", SAFE, [ctx.replace(self.node, self.node.value)])


@dataclass(frozen=True, eq=False)
class MovedModuleName(Diagnosis):
    """`from keras.utils import np_utils` (the ImportFrom): a module imported by name from its parent. Fix, when it
    is the only name imported: `from keras import utils as np_utils`."""

    node: cst.ImportFrom
    path: str
    new_path: str
    local: str  # the name it is bound to
    single: bool  # the only name the statement imports

    @property
    def message(self) -> str:
        return _moved_message(self.path, self.new_path)

    def fix(self, ctx: FixContext) -> Fix | None:
        parent, _, last = self.new_path.rpartition(".")
        if not self.single or not parent:
            return None
        new = self.node.with_changes(module=_module_node(parent), names=[cst.ImportAlias(
            name=cst.Name(last), asname=cst.AsName(name=cst.Name(self.local)))])
        return ctx.fix(f"Import `{parent}.{last}` as `{self.local}`", SAFE, [ctx.replace(self.node, new)])


def _tf_keras_only_message(module: str, names: str) -> str:
    return (f"keras.{module} has no {names} in Keras 3 (the import fails); the deprecated Keras 2 "
            f"implementation is still in tensorflow.keras.{module}")


@dataclass(frozen=True, eq=False)
class TfKerasOnly(Diagnosis):
    """`from keras.preprocessing.image import ImageDataGenerator`: the ImportFrom's module, of names only tf.keras
    keeps (fix: `new_path`, `tensorflow.keras.preprocessing.image`)."""

    node: cst.CSTNode
    path: str
    new_path: str
    names: tuple[str, ...]

    @property
    def message(self) -> str:
        rest = canonical(self.path)[1]
        return _tf_keras_only_message(rest, ", ".join(self.names) or rest.rsplit(".", 1)[-1])

    def fix(self, ctx: FixContext) -> Fix | None:
        if not isinstance(self.node, cst.Attribute):
            return None
        return ctx.fix(f"Import from `{self.new_path}` (Keras 3 ships these names only in tf.keras)", SAFE,
                       [ctx.replace(self.node, _module_node(self.new_path))])


@dataclass(frozen=True, eq=False)
class TfKerasOnlyAttribute(Diagnosis):
    """`keras.preprocessing.image.ImageDataGenerator` in an attribute chain. No fix: the chain's root is the
    `keras` the file imported."""

    node: cst.CSTNode
    path: str

    @property
    def message(self) -> str:
        module, _, name = canonical(self.path)[1].rpartition(".")
        return _tf_keras_only_message(module, name)


@dataclass(frozen=True, eq=False)
class RemovedModule(Diagnosis):
    """keras.wrappers.scikit_learn, keras.engine, ...: gone with no module of the same names. No fix."""

    node: cst.CSTNode
    path: str
    instead: str  # what to use instead
    keras3: bool

    @property
    def severity(self) -> Severity | None:
        return None if self.keras3 else WARNING

    @property
    def message(self) -> str:
        return (f"{self.path} is gone in Keras 3" if self.keras3 else
                f"{self.path} is deprecated and gone in Keras 3") + f": use {self.instead}"


@dataclass(frozen=True, eq=False)
class RemovedLayer(Diagnosis):
    """`layers.Merge`, `CuDNNLSTM` (the Attribute, or the imported Name). Fix for an attribute with a
    `replacement` (CuDNNLSTM -> LSTM); an imported name is not renamed (its uses would be left unbound)."""

    node: cst.CSTNode
    name: str
    replacement: str | None
    keras3: bool

    @property
    def severity(self) -> Severity | None:
        return None if self.keras3 else WARNING

    @property
    def message(self) -> str:
        return (f"layers.{self.name} is gone in Keras 3 and tf.keras 2"
                + (f": layers.{self.replacement} uses cuDNN on a GPU by itself" if self.replacement else
                   ": merge with layers.Add / Concatenate / Multiply / Dot" if self.name == "Merge" else ""))

    def fix(self, ctx: FixContext) -> Fix | None:
        if not self.replacement or not isinstance(self.node, cst.Attribute):
            return None
        return ctx.fix(f"Use `{self.replacement}`", SAFE, [ctx.replace(self.node.attr, cst.Name(self.replacement))])


def _module_node(path: str) -> cst.BaseExpression:
    return cst.parse_expression(path)


def _diagnosis(use: ApiUse, keras3: bool, layers_gone: bool) -> Diagnosis | None:
    d, kind = use.detail, use.kind
    if kind == "moved-module" and keras3:
        if d.get("attribute"):
            return MovedModuleAttribute(use.node, d["path"])
        return MovedModule(use.node, d["path"], d["new_path"])
    if kind == "moved-module-name" and keras3:
        return MovedModuleName(use.node, d["path"], d["new_path"], d["local"], d["single"])
    if kind == "tf-keras-only" and keras3:
        if d.get("attribute"):
            return TfKerasOnlyAttribute(use.node, d["path"])
        return TfKerasOnly(use.node, d["path"], d["new_path"], tuple(d.get("names") or ()))
    if kind == "removed-module":
        return RemovedModule(use.node, d["path"], d["instead"], keras3)
    if kind == "removed-layer" and layers_gone:
        return RemovedLayer(use.node, d["name"], d.get("replacement"), keras3)
    return None


@rule("KL505", scope="file", diagnoses=(MovedModule, MovedModuleAttribute, MovedModuleName, TfKerasOnly,
                                        TfKerasOnlyAttribute, RemovedModule, RemovedLayer))
def removed_keras_module(file: FileIR, opts: Options) -> Iterator[Diagnosis]:
    keras3, layers_gone = at_least(opts, 3), at_least(opts, 2, 3)
    for kind in ("moved-module", "moved-module-name", "tf-keras-only", "removed-module", "removed-layer"):
        for use in uses(file, kind):
            found = _diagnosis(use, keras3, layers_gone)
            if found is not None:
                yield found
