import os

# Extractor bugs must fail tests loudly instead of being skipped as "unknown" (production behaviour).
os.environ.setdefault("KERLINT_STRICT", "1")
