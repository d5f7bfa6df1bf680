"""API rules: Keras APIs that are deprecated or gone in Keras 3.

Each finding's node is exactly what the fix rewrites (see each rule's docstring); `subject` carries the
IR facts a fixer needs beyond the node.
"""

from __future__ import annotations

from typing import Iterator

from kerlint.checks.registry import Finding, Options, rule
from kerlint.ir.keras_api import canonical
from kerlint.ir.model import FileIR, ModelIR


def _uses(file: FileIR, kind: str):
    """The file's API uses of one kind, each node once (a helper called twice records its uses twice)."""
    seen: set[int] = set()
    for use in file.api_uses:
        if use.kind == kind and id(use.node) not in seen:
            seen.add(id(use.node))
            yield use


@rule("KL501", scope="file")
def removed_experimental_preprocessing(file: FileIR, opts: Options) -> Iterator[Finding]:
    """Node: the `<prefix>.experimental.preprocessing` Attribute (fix: replace it by its `<prefix>`, i.e.
    `node.value.value`), or the ImportFrom's module (fix: drop `.experimental.preprocessing` from the dotted
    module). For `from <prefix>.experimental import preprocessing` the node is the whole ImportFrom and
    `subject["imported_name"]` is True: no mechanical rename, the fixer should skip it."""
    for use in _uses(file, "experimental-preprocessing"):
        family, _ = canonical(use.detail.get("path", ""))
        if family != "keras":
            continue
        imported_name = bool(use.detail.get("imported_name"))
        yield Finding(use.node,
                      "keras.layers.experimental.preprocessing is gone in Keras 3: its layers moved to keras.layers "
                      "in TF 2.6 (layers.RandomFlip, layers.Rescaling, …)"
                      + (" — import them from keras.layers" if imported_name else ""),
                      subject={"path": use.detail.get("path"), "import": bool(use.detail.get("import")),
                               "imported_name": imported_name})


@rule("KL502", scope="file")
def deprecated_image_data_generator(file: FileIR, opts: Options) -> Iterator[Finding]:
    """Node: the `ImageDataGenerator(...)` call. No automatic fix."""
    for use in _uses(file, "image-data-generator"):
        yield Finding(use.node,
                      "ImageDataGenerator is deprecated (and slow): load images with "
                      "keras.utils.image_dataset_from_directory and augment with preprocessing layers "
                      "(layers.RandomFlip, RandomRotation, …) in the model or a tf.data map",
                      subject=use)


_GENERATOR_METHODS = {"fit_generator": "fit", "evaluate_generator": "evaluate", "predict_generator": "predict"}
# Keras 1/2 keywords of fit_generator that fit() spells differently; samples_per_epoch/nb_val_samples counted
# samples, not steps, so they have no mechanical rename.
_KEYWORD_RENAMES = {"generator": "x", "nb_epoch": "epochs"}
_NO_RENAME = ("samples_per_epoch", "nb_val_samples", "nb_worker", "pickle_safe")


@rule("KL503")
def removed_fit_generator(model: ModelIR, opts: Options) -> Iterator[Finding]:
    """Node: the method Name (`fit_generator`) to rename to `subject["replacement"]`. `subject["rename_keywords"]`
    maps keyword Args to rename (`generator=` -> `x=`, `nb_epoch=` -> `epochs=`); `subject["blocking_keywords"]`
    lists keywords with no equivalent (the fix is then not mechanical)."""
    for call in [*model.fits, *model.evaluates]:
        replacement = _GENERATOR_METHODS.get(call.method)
        if replacement is None or call.method_node is None:
            continue
        keywords = call.arg_nodes
        renames = {keywords[k]: new for k, new in _KEYWORD_RENAMES.items() if k in keywords}
        blocking = [k for k in _NO_RENAME if k in keywords]
        yield Finding(call.method_node,
                      f"model.{call.method}() was removed (Keras 3; deprecated since TF 2.1): "
                      f"model.{replacement}() accepts generators and datasets directly",
                      subject={"call": call, "replacement": replacement, "rename_keywords": renames,
                               "blocking_keywords": blocking})


@rule("KL504", scope="file")
def removed_lr_argument(file: FileIR, opts: Options) -> Iterator[Finding]:
    """Node: the `lr=` / `decay=` keyword Arg of a Keras optimizer constructor. For `lr=`, the fix renames the
    keyword to `learning_rate` (unless `learning_rate=` is also given). For `decay=`, `subject["optimizer"]`
    gives the learning rate the InverseTimeDecay rewrite needs."""
    for use in _uses(file, "removed-optimizer-arg"):
        keyword = use.detail["keyword"]
        optimizer = use.detail["optimizer"]
        if keyword == "lr":
            message = ("optimizer argument lr= is gone: Keras 3 rejects it, and the TF 2.11–2.15 optimizers (outside "
                       "optimizers.legacy) drop it with only a warning and train at their default learning rate — "
                       "use learning_rate=")
        else:
            message = ("optimizer argument decay= is gone: Keras 3 and the TF 2.11+ optimizers (outside "
                       "optimizers.legacy) raise an error — use "
                       "learning_rate=keras.optimizers.schedules.InverseTimeDecay(lr, decay_steps=1, "
                       "decay_rate=decay) for the same per-step decay")
        yield Finding(use.node, message, subject={"keyword": keyword, "optimizer": optimizer})
