"""pandas: tables read from files (`pd.read_csv(...)`). `pd.get_dummies` is in kerlint/ir/arrays.py."""

from __future__ import annotations

from kerlint.ir.handlers.registry import handles
from kerlint.ir.model import UNKNOWN

_READERS = ("read_csv", "read_excel", "read_parquet", "read_json", "read_table", "read_feather", "read_pickle")


@handles(family="other", when=lambda site: site.path.startswith("pandas.") and site.last in _READERS)
def read_table(ex, args, kwargs, node, call):
    # a table read from a file: nothing known about it but its identity (KL307 compares identities)
    return ex.new_data("table", node, scaled=UNKNOWN)
