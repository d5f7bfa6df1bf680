"""The cheap pre-filter: a file that never mentions Keras or TensorFlow cannot produce a finding.

Every rule is about a Keras model, its data or a Keras/TensorFlow API, and the extractor only ever
recognises code reached from a `keras` / `tensorflow` / `tf_keras` import. So a file whose text has none
of those words is not analysed (in a mixed repository most files build no model). It is only checked for
syntax with Python's own compiler, which costs a small part of a libcst parse, so that a file that does not
parse is still reported (KL000) like any other. A file that names a kerlint code or `kerlint` in a comment
is still linted, so that `--show-unused-noqa` can judge its suppressions. `prefilter = false` in the config
or `--no-prefilter` turns this off.
"""

from __future__ import annotations

import ast
import re

_MENTIONS = re.compile(r"keras|tensorflow|kerlint|KL\d{3}")


def may_have_findings(text: str) -> bool:
    """False only when `text` cannot produce a kerlint finding (see the module docstring)."""
    return _MENTIONS.search(text) is not None


def can_skip(text: str) -> bool:
    """True when `text` cannot produce a finding: no Keras/TensorFlow/kerlint mention, and it parses."""
    if may_have_findings(text):
        return False
    try:
        compile(text, "<kerlint-prefilter>", "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False  # let the full parse report it (KL000)
    return True
