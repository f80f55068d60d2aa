import os, json
# Regenerates the malformed import corpus and its index (run: python3 make-corpus.py)
D = os.path.dirname(os.path.abspath(__file__))
os.makedirs(D, exist_ok=True)
for f in [f for f in os.listdir(D) if f != "make-corpus.py"]:
    os.remove(os.path.join(D, f))

VALID = '''{
  "format": "bmsw-parameters",
  "formatVersion": 1,
  "profile": "smartbms.v4",
  "model": "SMARTBMS-V4",
  "firmware": "35-7-3",
  "device": {"address": 1, "serial": ""},
  "time": "2024-03-26T16:46:21+08:00",
  "groups": ["PROTECT"],
  "values": {
    "PROTECT": {
      "COV": {"value": 4200, "unit": "mV", "label": "Cell over-voltage protection / 单体过压保护"},
      "COVR": {"value": 4120, "unit": "mV", "label": "Cell over-voltage release / 单体过压恢复"},
      "TOV": {"value": 100.8, "unit": "V", "label": "Pack over-voltage protection / 总压过压保护"}
    }
  }
}
'''
index = []
def w(name, content, expect, line=None):
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    open(os.path.join(D, name), "wb").write(data)
    index.append((name, expect, line))

def sub(old, new, count=1):
    assert old in VALID, old
    return VALID.replace(old, new, count)

w("valid-control.json", VALID, "OK", None)
w("empty.json", b"", "holds no JSON", 1)
w("whitespace-only.json", "  \n\t\n", "holds no JSON", 1)
w("not-json.json", "COV=3650\nCOVR=3450\n", "malformed JSON", 1)
w("truncated.json", VALID[: len(VALID) // 2], "truncated", None)
w("truncated-in-string.json", VALID[: VALID.index("单体过压保护") + 2], "truncated", None)
w("trailing-garbage.json", VALID + "}\n", "after the end of the JSON document", 18)
w("array-root.json", "[]\n", "is a JSON object", 1)
w("string-root.json", '"values"\n', "is a JSON object", 1)
w("duplicate-key.json", sub('      "COVR":', '      "COV": {"value": 4100, "unit": "mV"},\n      "COVR":'), "duplicate key 'COV' (first at line 12", 13)
w("duplicate-group.json", sub('  "values": {\n', '  "values": {\n    "PROTECT": {},\n'), "duplicate key 'PROTECT'", 12)
w("duplicate-top-field.json", sub('  "formatVersion": 1,\n', '  "formatVersion": 1,\n  "formatVersion": 1,\n'), "duplicate key 'formatVersion'", 4)
w("unknown-top-field.json", sub('  "model"', '  "colour": "red",\n  "model"'), "unknown field 'colour'", 5)
w("unknown-parameter.json", sub('"COVR": {', '"COVX": {'), "COVX: unknown parameter", 13)
w("case-typo-parameter.json", sub('"COVR": {', '"covr": {'), "did you mean 'COVR'", 13)
w("wrong-group.json", sub('"values": {\n    "PROTECT": {', '"values": {\n    "SYSTEM": {'), "COV: belongs to group PROTECT, not SYSTEM", 12)
w("unknown-group.json", sub('"values": {\n    "PROTECT": {', '"values": {\n    "PROTEKT": {'), "unknown group 'PROTEKT'", 11)
w("wrong-unit.json", sub('"COV": {"value": 4200, "unit": "mV"', '"COV": {"value": 4.2, "unit": "V"'), "(4.2 V = 4200 mV)", 12)
w("missing-unit.json", sub('"COV": {"value": 4200, "unit": "mV", ', '"COV": {"value": 4200, '), "COV: missing 'unit'", 12)
w("missing-value.json", sub('"COV": {"value": 4200, ', '"COV": {'), "COV: missing 'value'", 12)
w("string-value.json", sub('"value": 4200', '"value": "4200"'), "'value' must be a number, found a string", 12)
w("null-value.json", sub('"value": 4200', '"value": null'), "'value' must be a number, found null", 12)
w("plain-number.json", sub('"COV": {"value": 4200, "unit": "mV", "label": "Cell over-voltage protection / 单体过压保护"}', '"COV": 4200'), "expected an object like {\"value\"", 12)
w("unknown-value-field.json", sub('"unit": "mV", "label": "Cell over-voltage protection', '"unit": "mV", "min": 1, "label": "Cell over-voltage protection'), "unknown field 'min'", 12)
w("out-of-range.json", sub('"value": 4200', '"value": 42000'), "COV 42000 mV is above the maximum 5000 mV", 12)
w("negative.json", sub('"value": 4200', '"value": -4200'), "below the minimum", 12)
w("off-resolution.json", sub('"value": 100.8', '"value": 100.805'), "not a multiple of the resolution 0.01 V", 14)
w("enum-invalid.json", sub('"groups": ["PROTECT"]', '"groups": ["PROTECT", "SYSTEM"]').replace('  "values": {\n', '  "values": {\n    "SYSTEM": {"CTRL_PLY": {"value": 4, "unit": ""}},\n'), "CTRL_PLY 4 is not an allowed value", 11)
w("huge-number.json", sub('"value": 4200', '"value": 1e400'), "out of any range", 12)
w("long-number.json", sub('"value": 4200', '"value": ' + "9" * 300), "a number is far too long", 12)
w("nan.json", sub('"value": 4200', '"value": NaN'), "malformed JSON", 12)
w("infinity.json", sub('"value": 4200', '"value": Infinity'), "malformed JSON", 12)
w("hex-number.json", sub('"value": 4200', '"value": 0x1068'), "malformed JSON", 12)
w("leading-zero.json", sub('"value": 4200', '"value": 04200'), "malformed JSON", 12)
w("comment.json", sub('  "values": {\n', '  // my values\n  "values": {\n'), "malformed JSON", 10)
w("single-quotes.json", sub('"COV": {', "'COV': {"), "malformed JSON", 12)
w("trailing-comma.json", sub('"label": "Pack over-voltage protection / 总压过压保护"}', '"label": "Pack over-voltage protection / 总压过压保护"},'), "malformed JSON", 15)
w("missing-comma.json", sub('"label": "Cell over-voltage protection / 单体过压保护"},', '"label": "Cell over-voltage protection / 单体过压保护"}'), "malformed JSON", 13)
w("unescaped-control.json", sub("单体过压保护", "单体\t过压保护"), "malformed JSON", 12)
w("nul-byte.json", sub("单体过压保护", "单体\u0000过压保护"), "malformed JSON", 12)
w("deep-nesting.json", '{"format": ' + "[" * 2000 + "]" * 2000 + "}", "nested too deeply", 1)
w("other-profile.json", sub('"profile": "smartbms.v4"', '"profile": "jdi.bi51"'), "the file is for profile 'jdi.bi51', not for 'smartbms.v4'", 4)
w("newer-format.json", sub('"formatVersion": 1', '"formatVersion": 2'), "written by a newer BMS Workbench", 3)
w("format-version-string.json", sub('"formatVersion": 1', '"formatVersion": "1"'), "'formatVersion' must be an integer", 3)
w("not-bmsw.json", sub('  "format": "bmsw-parameters",\n', ''), "missing 'format'", 1)
w("other-format.json", sub('"format": "bmsw-parameters"', '"format": "jdi-parameters"'), "not a BMS Workbench parameter file", 2)
w("bad-time.json", sub('"time": "2024-03-26T16:46:21+08:00"', '"time": "26.03.2024 16:46"'), "'time' is not an ISO-8601", 8)
w("bad-address.json", sub('"address": 1,', '"address": -1,'), "'device.address' must be an integer", 7)
w("values-array.json", sub('"values": {\n    "PROTECT": {', '"values": [\n    "PROTECT", {').replace('    }\n  }\n}', '    }\n  ]\n}'), "'values' must be an object of groups, is an array", 10)
w("values-not-object.json", VALID[: VALID.index('  "values"')] + '  "values": 3\n}\n', "'values' must be an object of groups", 10)
w("missing-values.json", VALID[: VALID.index(',\n  "values"')] + '\n}\n', "missing 'values'", 1)
w("rule-violation.json", sub('"COVR": {"value": 4120', '"COVR": {"value": 4300'), "rule protect.cov.release", 13)
w("utf16le-bom.json", b"\xff\xfe" + VALID.encode("utf-16-le"), "UTF-16 (little-endian) byte order mark", None)
w("utf16be-bom.json", b"\xfe\xff" + VALID.encode("utf-16-be"), "UTF-16 (big-endian) byte order mark", None)
w("utf32le-bom.json", b"\xff\xfe\x00\x00" + VALID.encode("utf-32-le"), "UTF-32 (little-endian)", None)
w("utf16le-no-bom.json", VALID.encode("utf-16-le"), "without a byte order mark", 1)
w("gbk.json", VALID.encode("gbk"), "not valid UTF-8 at line 12", 12)
LATIN = VALID.replace(" / 单体过压保护", "").replace(" / 单体过压恢复", "").replace(" / 总压过压保护", "").replace("Cell over-voltage protection", "Zellenüberspannung")
w("latin1.json", LATIN.encode("latin-1"), "not valid UTF-8 at line 12", 12)
w("overlong-utf8.json", VALID.encode("utf-8").replace(b"Cell over-voltage protection", b"Cell\xc0\xafover-voltage protection"), "not valid UTF-8 at line 12", 12)
w("lone-surrogate.json", VALID.encode("utf-8").replace(b"Cell over-voltage protection", b"Cell \xed\xa0\x80 protection"), "not valid UTF-8 at line 12", 12)

with open(os.path.join(D, "index.tsv"), "w", encoding="utf-8") as f:
    f.write("# corpus file <TAB> fragment the first error must contain <TAB> its line (- when not fixed)\n")
    for name, expect, line in index:
        f.write("%s\t%s\t%s\n" % (name, expect, "-" if line is None else line))
print(len(index), "corpus files")
