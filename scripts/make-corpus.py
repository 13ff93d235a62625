#!/usr/bin/env python3
"""Writes the corrupted and extreme files of Tests/Corpus/.

Each instance file must end in a clean error (exit 2, one line per problem naming the
file and a field path) and each result file in a clean verdict from `placement check`
against Tests/Corpus/results/instance.json. Regenerate with: python3 scripts/make-corpus.py
"""
import json
import os

root = os.path.join(os.path.dirname(__file__), "..", "Tests", "Corpus")


def base():
    return {
        "format": "placement-instance",
        "version": 1,
        "name": "corpus",
        "applicants": [
            {"id": "a1", "preferences": ["p1", "p2"], "type": "x"},
            {"id": "a2", "preferences": [["p1", "p2"]]},
            {"id": "a3", "preferences": ["p2"]},
        ],
        "positions": [
            {"id": "p1", "capacity": 1, "group": "g", "preferences": ["a2", "a1"]},
            {"id": "p2", "capacity": 2, "group": "g"},
        ],
        "groups": [{"id": "g", "capacity": 2}],
        "scores": [{"applicant": "a1", "position": "p1", "value": 2.5}],
    }


def text(document):
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def put(folder, name, data):
    with open(os.path.join(root, folder, name), "wb") as f:
        f.write(data)


def instance(name, change):
    document = base()
    change(document)
    put("instances", name, text(document))


def setting(path, value):
    def change(document):
        target = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


valid = text(base())
# Syntax and encoding.
put("instances", "empty.json", b"")
put("instances", "truncated.json", valid[: len(valid) // 2])
put("instances", "not-json.json", b"applicants: a1, a2\n")
put("instances", "bom-then-garbage.json", b"\xef\xbb\xbf{]")
put("instances", "invalid-utf8-in-id.json", valid.replace(b'"a3"', b'"a\xff3"'))
put("instances", "overlong-utf8.json", valid.replace(b'"a3"', b'"a\xc0\xaf3"'))
put("instances", "truncated-utf8.json", valid.replace(b'"a3"', b'"a\xe2\x823"'))
put("instances", "utf16.json", valid.decode().encode("utf-16"))
put("instances", "nul-escape-in-id.json", valid.replace(b'"a3"', b'"a\\u00003"'))
put("instances", "raw-control-in-id.json", valid.replace(b'"a3"', b'"a\x073"'))
put("instances", "delete-in-id.json", valid.replace(b'"p2"', b'"p\x7f2"', 1))
put("instances", "tab-escape-in-type.json", valid.replace(b'"type": "x"', b'"type": "x\\ty"'))
put("instances", "lone-surrogate.json", valid.replace(b'"a3"', b'"a\\ud8003"'))
put("instances", "deep-nesting.json", b'{"format":' + b"[" * 100000 + b"]" * 100000 + b"}")
put("instances", "deep-attributes.json", valid.replace(b'"type": "x"', b'"attributes":' + b'{"k":' * 600 + b"1" + b"}" * 600))
# Shapes and types.
instance("wrong-types.json", lambda d: d.update(applicants=[{"id": 1, "preferences": "p1"}]))
instance("missing-fields.json", lambda d: (d.pop("format"), d["positions"][0].pop("capacity")))
instance("unknown-fields.json", setting(["positions", 0, "capacty"], 3))
instance("future-version.json", setting(["version"], 2))
instance("other-format.json", setting(["format"], "placement-result"))
instance("duplicate-ids.json", lambda d: d["applicants"].append({"id": "a1", "preferences": ["p1"]}))
instance("unknown-ids.json", setting(["applicants", 0, "preferences"], ["p1", "p9", ["p2", "p8"]]))
instance("empty-tie.json", setting(["applicants", 0, "preferences"], ["p1", []]))
# Numbers.
instance("capacity-zero.json", setting(["positions", 0, "capacity"], 0))
instance("capacity-negative.json", setting(["positions", 0, "capacity"], -5))
instance("capacity-2-63.json", setting(["positions", 0, "capacity"], 2**63))
instance("capacity-fraction.json", setting(["positions", 0, "capacity"], 1.5))
instance("capacities-2-62-in-one-group.json", lambda d: [p.update(capacity=2**62) for p in d["positions"]])
instance("minimum-above-capacity.json", setting(["positions", 1, "minimum"], 3))
instance("group-minimum-unreachable.json", setting(["groups", 0, "minimum"], 4))
instance("type-quota-2-40.json", setting(["typeQuotas"], [{"position": "p1", "type": "x", "capacity": 2**40}]))
instance("score-1e19.json", setting(["scores", 0, "value"], 1e19))
instance("score-minus-1e308.json", setting(["scores", 0, "value"], -1e308))
instance("score-1e15.json", setting(["scores", 0, "value"], 1e15))
put("instances", "score-nan.json", valid.replace(b'"value": 2.5', b'"value": NaN'))
put("instances", "score-huge-exponent.json", valid.replace(b'"value": 2.5', b'"value": 1e999'))
instance("duplicate-scores.json", lambda d: d["scores"].append(dict(d["scores"][0])))

# Results, read against results/instance.json (the base instance above). valid-* must
# pass `placement check`; claims-* must fail it with exit 1 (a claim does not hold);
# broken-* must be refused with exit 2 (not a result of this instance). The valid result
# comes from the built binary: python3 scripts/make-corpus.py [path/to/placement].
import subprocess
import sys

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/placement"
put("results", "instance.json", valid)
instance_path = os.path.join(root, "results", "instance.json")
for strategy in ["deferred-acceptance", "stable-approx", "welfare"]:
    subprocess.run(
        [binary, "solve", instance_path, "--strategy", strategy, "--quiet", "-o",
         os.path.join(root, "results", f"valid-{strategy}.json")], check=True)
with open(os.path.join(root, "results", "valid-welfare.json")) as f:
    result = json.load(f)


def claims(name, change):
    document = json.loads(json.dumps(result))
    change(document)
    put("results", f"claims-{name}.json", text(document))


def broken(name, change):
    document = json.loads(json.dumps(result))
    change(document)
    put("results", f"broken-{name}.json", text(document))


claims("other-instance", setting(["instance"], "hoa-lac-2025"))
claims("future-version", setting(["version"], 2))
claims("other-format", setting(["format"], "placement-evaluation"))
claims("missing-format", lambda d: d.pop("format"))
claims("unknown-status", setting(["status"], "solved"))
claims("unknown-stop", setting(["stop"], "tired"))
claims("time-limit-with-placements", setting(["status"], "timeLimit"))
claims("unknown-unassigned", lambda d: d["unassigned"].append("a9"))
claims("assigned-and-unassigned", lambda d: d["unassigned"].append(d["assignment"][0]["applicant"]))
claims("unassigned-twice", lambda d: d["unassigned"].extend(d["unassigned"][:1] * 2))
claims("unassigned-missing", setting(["unassigned"], []))
claims("matched-lies", setting(["metrics", "matched"], 3))
claims("rank-profile-lies", setting(["metrics", "rankProfile"], [3]))
claims("blocking-pairs-lie", setting(["metrics", "blockingPairs"], 0 if result["metrics"]["blockingPairs"] else 1))
claims("valid-lies", setting(["metrics", "valid"], False))
claims("unknown-metric", setting(["metrics", "happiness"], 1))
claims("objective-lies", setting(["objective"], result.get("objective", 0) + 1))
claims("bound-wrong-side", setting(["bound"], result.get("objective", 0) - 1))
claims("gap-lies", setting(["gap"], 0.5))
claims("unknown-field", setting(["verdict"], "fair"))
claims("negative-seconds", setting(["solveSeconds"], -1))
claims("notes-not-strings", setting(["notes"], [1, 2]))
broken("unknown-applicant", lambda d: d["assignment"].append({"applicant": "a9", "position": "p1"}))
broken("unknown-position", lambda d: d["assignment"].__setitem__(0, {"applicant": d["assignment"][0]["applicant"], "position": "p9"}))
broken("placed-twice", lambda d: d["assignment"].append(dict(d["assignment"][0])))
broken("assignment-missing", lambda d: d.pop("assignment"))
broken("assignment-not-array", setting(["assignment"], {"a1": "p1"}))
broken("duplicate-field", lambda d: None)
valid_result = text(result)
put("results", "broken-duplicate-field.json", valid_result.replace(b'"version": 1,', b'"version": 1, "version": 1,'))
put("results", "broken-truncated.json", valid_result[: len(valid_result) // 2])
put("results", "broken-invalid-utf8.json", valid_result.replace(b'"a1"', b'"a\xff1"', 1))
put("results", "broken-empty.json", b"")
put("results", "broken-array.json", b"[]")
