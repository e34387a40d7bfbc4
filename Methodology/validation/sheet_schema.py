"""Validates recommendation-sheet JSON files against Docs/schema/recommendation-sheet.schema.json
(or, with --schema FILE first, against another schema of Docs/schema, such as union.schema.json).

Usage: sheet_schema.py [--schema SCHEMA.json] FILE.json [FILE.json ...]; prints "OK" when every file is valid.
"""
import json
import os
import sys

import jsonschema

schema_path = os.path.join(os.path.dirname(__file__), "..", "..", "Docs", "schema", "recommendation-sheet.schema.json")
if len(sys.argv) > 2 and sys.argv[1] == "--schema":
    schema_path = sys.argv[2]
    del sys.argv[1:3]
schema = json.load(open(schema_path, encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failed = False
for path in sys.argv[1:]:
    errors = sorted(validator.iter_errors(json.load(open(path, encoding="utf-8"))), key=lambda e: list(e.path))
    for error in errors[:10]:
        print(f"{path}: {'/'.join(map(str, error.path))}: {error.message}")
    failed |= bool(errors)
if failed:
    sys.exit(1)
print(f"OK: {len(sys.argv) - 1} file(s) valid")
