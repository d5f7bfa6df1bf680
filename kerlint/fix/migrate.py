"""Run old scripts unchanged: the safe Keras 1/2 -> 3 migration fixes, applied to source text in memory.

    result = migrate_source(text, target="3")
    result.text        # the migrated source (== text when nothing applied)
    result.edits       # [Migration(code, line, message)], one per fix applied, in the original's lines
    result.line_map    # line of result.text -> line of text (identity: only line-preserving fixes apply)

`kerlint probe` runs the migrated text instead of the file (the file itself is never written), so a script
written for Keras 1/2 reaches fit() on Keras 3. Only the migration rules' *safe* fixes are used (KL501,
KL503-KL507: renamed modules, keywords, methods), exactly the ones `kerlint check --fix` applies, and only
those that keep every statement on its line, so every line number the probe reports (tracebacks, the line
of fit()) is a line of the user's file.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

MIGRATION_RULES = ("KL501", "KL503", "KL504", "KL505", "KL506", "KL507")


@functools.lru_cache(maxsize=1)
def _markers() -> re.Pattern:
    """Every name one of MIGRATION_RULES can fire on: source without any of them has nothing to migrate."""
    from kerlint.ir import keras_api as api

    words = {"experimental", "fit_generator", "evaluate_generator", "predict_generator", "lr", "decay",
             *api.REMOVED_MODEL_METHODS, *api.REMOVED_LAYERS, *api.KERAS1_FIT_KEYWORDS, *api.KERAS1_MODEL_KEYWORDS,
             *api.KERAS1_LAYER_KEYWORDS, *api.KERAS1_EMBEDDING_KEYWORDS, "Convolution2D", "Convolution3D"}
    words |= {part for path in [*api.MOVED_MODULES, *api.TF_KERAS_ONLY_NAMES, *api.REMOVED_MODULES]
              for part in path.split(".")[-1:]}
    attributes = "|".join(sorted(api.REMOVED_LAYER_ATTRIBUTES))
    return re.compile(rf"\b(?:{'|'.join(sorted(map(re.escape, words)))})\b|\.(?:{attributes})\b")


def might_need_migration(text: str) -> bool:
    """A cheap, conservative test: False only when no migration rule can fire on `text`."""
    return _markers().search(text) is not None


@dataclass(frozen=True)
class Migration:
    code: str
    line: int  # in the original text
    message: str  # what was rewritten ("Rename `nb_epoch=` to `epochs=`")

    def as_dict(self) -> dict:
        return {"code": self.code, "line": self.line, "message": self.message}


@dataclass
class MigrationResult:
    text: str
    edits: list[Migration] = field(default_factory=list)
    line_map: dict[int, int] = field(default_factory=dict)  # new line -> original line

    @property
    def changed(self) -> bool:
        return bool(self.edits)

    def original_line(self, line: int) -> int:
        return self.line_map.get(line, line)


def migrate_source(text: str, target: str = "3", path: str = "<script>") -> MigrationResult:
    """The safe migration fixes for Keras `target`, applied to `text` to a fixed point. Never raises:
    source that cannot be parsed or fixed comes back unchanged."""
    if not might_need_migration(text):
        return MigrationResult(text)
    from kerlint.config import Settings
    from kerlint.fix.session import fix_unit
    from kerlint.units import SourceUnit

    lines = text.count("\n")
    settings = Settings(select=MIGRATION_RULES, target_keras=target)
    try:
        # always fixed as Python text: a notebook's joined code cells come here as one module
        name = path if path.endswith(".py") else f"{path}.py"
        fixed = fix_unit(SourceUnit(name, text, raw=text.encode("utf-8")), settings, unsafe=False)
    except Exception:  # noqa: BLE001 - a kerlint bug must not stop the user's script from running
        return MigrationResult(text)
    new_text = fixed.fixed.decode("utf-8") if fixed.changed else text
    if new_text.count("\n") != lines:  # a fix that moved lines: line numbers would lie, so run the original
        return MigrationResult(text)
    edits = sorted((Migration(v.code, v.location.row, v.fix.message) for v in fixed.applied if v.fix is not None),
                   key=lambda m: m.line)
    return MigrationResult(new_text, edits, {n: n for n in range(1, lines + 2)} if edits else {})
