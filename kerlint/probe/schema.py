"""JSON Schema of `kerlint probe --output-format json` (the contract tests validate against it)."""

_POSITION = {"type": "object", "required": ["row", "column"],
             "properties": {"row": {"type": "integer"}, "column": {"type": "integer"}}}

_EVIDENCE_VALUE = {"type": ["number", "integer", "boolean", "string", "null", "array"]}

SYMPTOM = {
    "type": "object",
    "required": ["code", "name", "measured", "observed", "evidence"],
    "properties": {
        "code": {"type": "string", "pattern": "^KP1[0-9]{2}$"},
        "name": {"type": "string"},
        "measured": {"type": "boolean"},
        "observed": {"type": "boolean"},
        "evidence": {"type": "object", "additionalProperties": _EVIDENCE_VALUE},
        "reason": {"type": "string"},
    },
}

FINDING = {
    "type": "object",
    "required": ["code", "name", "severity", "message", "filename", "location", "end_location", "fix",
                 "verdict", "expected_symptoms", "observed_symptoms"],
    "properties": {
        "code": {"type": "string"},
        "name": {"type": "string"},
        "severity": {"enum": ["error", "warning", "info"]},
        "message": {"type": "string"},
        "filename": {"type": "string"},
        "location": _POSITION,
        "end_location": _POSITION,
        "verdict": {"enum": ["confirmed", "not-observed", "inconclusive"]},
        "expected_symptoms": {"type": "array", "items": {"type": "string"}},
        "observed_symptoms": {"type": "array", "items": {"type": "string"}},
    },
}

PROBE_REPORT = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "kerlint probe report",
    "type": "object",
    "required": ["script", "status", "device", "steps", "symptoms", "findings", "unpredicted_symptoms",
                 "exit_code"],
    "properties": {
        "script": {"type": "string"},
        "status": {"enum": ["ok", "script-error", "missing-data", "no-fit", "crashed", "timeout", "usage-error",
                            "probe-error"]},
        "device": {"type": "string"},
        "steps": {"type": "integer", "minimum": 0},
        "symptoms": {"type": "array", "items": SYMPTOM},
        "findings": {"type": "array", "items": FINDING},
        "unpredicted_symptoms": {"type": "array", "items": {"type": "string"}},
        "exit_code": {"enum": [0, 1, 2, 3, 4, 5]},
        "diagnosis": {"type": "object", "required": ["causes", "cannot_judge"], "properties": {
            "causes": {"type": "array", "items": {"type": "object", "required": [
                "rank", "cause", "category", "title", "level", "evidence", "symptoms", "confirms", "fix"]}},
            "cannot_judge": {"type": "array", "items": {"type": "string"}}}},
        "error": {"type": "object", "required": ["message"]},
        "curves": {"type": "object"},
        "model": {"type": "object"},
        "migrations": {"type": "array", "items": {  # in-memory rewrites that let an old script run
            "type": "object", "required": ["code", "line", "message"],
            "properties": {"code": {"type": "string"}, "line": {"type": ["integer", "null"]},
                           "message": {"type": "string"}}}},
    },
}
