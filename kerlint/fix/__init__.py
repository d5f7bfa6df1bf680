"""Automatic fixes (`kerlint check --fix / --unsafe-fixes / --diff`).

This package holds three layers; its `__init__` imports none of them, so that a rule can import the fix
helpers without importing the fixers (which import the rules):

- the helpers the rules' diagnoses and the fixers build fixes with: `context.py` (FixContext, SAFE/UNSAFE),
  `calls.py`, `keras_edits.py`; `apply.py` applies one pass of fixes to a file's text; `write.py` writes it;
- the fix stage the engine calls after the rules: `stage.py` (`fix_for`, `fixable_codes`), with the untyped
  rules' `@fixer`s (`registry.py`, one module `klNNN_<what_it_does>.py` per rule);
- above the engine: `session.py` runs fix passes to a fixed point (re-linting after each) and writes files
  safely; `migrate.py` (`kerlint migrate`) and `report.py` (what the CLI prints about fixes) use it.
"""
