"""KL303 (unsafe): add `validation_split=0.2` to a fit() on in-memory arrays.

Only for `fit(x, y, ...)` where x is known to be an array (not a dataset or generator, for which
Keras rejects validation_split). Unsafe: the model then trains on 80% of the data, and Keras takes
the last 20% of the arrays before shuffling, so a file sorted by class needs a shuffled split instead.
"""

from __future__ import annotations

import libcst as cst

from kerlint.checks.registry import Finding
from kerlint.fix.calls import with_keyword
from kerlint.fix.registry import UNSAFE, FixContext, fixer
from kerlint.ir.model import Data, Fit
from kerlint.violation import Fix


@fixer("KL303")
def validation_split(finding: Finding, ctx: FixContext) -> Fix | None:
    fit = finding.subject
    if not isinstance(fit, Fit) or fit.method != "fit" or not isinstance(fit.node, cst.Call):
        return None
    if not isinstance(fit.x, Data) or fit.x.is_dataset or fit.y is None:
        return None
    new = with_keyword(fit.node, "validation_split", cst.Float("0.2"))
    return ctx.fix("Hold out the last 20% of the training arrays for validation (validation_split=0.2)",
                   UNSAFE, [ctx.replace(fit.node, new)])
