"""Validates JSON files against a JSON Schema (draft 2020-12) with python3-jsonschema, an implementation nobody
here wrote, as an editor would. usage: validate_schema.py SCHEMA FILE...
Prints one line per file: 'OK name' or 'INVALID name: path: message' (first error); exits 0."""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
for name in sys.argv[2:]:
    errors = sorted(validator.iter_errors(json.load(open(name, encoding="utf-8"))), key=lambda e: list(e.path))
    if errors:
        e = errors[0]
        print("INVALID %s: $%s: %s" % (name, "".join("[%d]" % p if isinstance(p, int) else "." + p for p in e.path),
                                       e.message))
    else:
        print("OK %s" % name)
