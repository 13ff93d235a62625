#!/usr/bin/env python3
"""Solve the textbook max-stable model of an instance with GLPK's `glpsol`; write a Placement result.

The bench harness runs this for a strategy named `glpsol/max-stable`, so that Placement's
own searches are measured beside plain GLPK on the model a researcher would write first
(Kwanashie and Manlove 2014, for hospitals/residents with ties): one 0/1 column per
acceptable pair, one capacity row per applicant and per position, and for each pair
(a, p) the weak-stability row

    c(p) * sum_{q >=_a p} x(a, q) + sum_{b >=_p a} x(b, p) >= c(p),

maximising the number placed. No preprocessing, no warm start, glpsol's default options.
It is a measuring tool: `glpsol` (Debian's glpk-utils) is never a dependency of Placement.

    glpsol-solve.py --instance X.json --model max-stable [--time-limit S]
                    --output RESULT.json [--usage-output USAGE.json] [--placement BIN]

Only markets of applicants and positions with capacities and rankings are modelled
(no groups, quotas, minimums or overrides); others exit 2. `--placement` is accepted and
ignored, so the harness calls every external solver alike. Search statistics: glpsol's
terminal log gives the root LP's time and bound (its last simplex line before
branch-and-bound's first) and the node count (branch-and-bound's last line). Exit 0 on a result, 1 on a stopped or
infeasible one, 2 on bad usage.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from external_result import finish, parse_arguments

UNSUPPORTED = ("groups", "typeQuotas", "typeRules", "locked", "forbidden")


def tiers(preferences):
    """The list as tiers of ids, best first."""
    return [entry if isinstance(entry, list) else [entry] for entry in preferences]


def model_text(instance):
    """The CPLEX LP text of the textbook model and its columns as (applicant, position) indices."""
    applicants = instance["applicants"]
    positions = instance["positions"]
    position_index = {p["id"]: j for j, p in enumerate(positions)}
    applicant_index = {a["id"]: i for i, a in enumerate(applicants)}
    # Rank of each applicant on each position's list (indifferent positions tie everyone).
    position_rank = []
    for p in positions:
        ranks = {}
        if "preferences" in p:
            for t, tier in enumerate(tiers(p["preferences"])):
                for a in tier:
                    ranks[applicant_index[a]] = t
        position_rank.append(ranks)
    columns = []
    applicant_entries = []  # per applicant: (tier, column)
    for i, a in enumerate(applicants):
        entries = []
        for t, tier in enumerate(tiers(a.get("preferences", []))):
            for pid in tier:
                j = position_index[pid]
                if "preferences" in positions[j] and i not in position_rank[j]:
                    continue
                entries.append((t, len(columns)))
                columns.append((i, j))
        applicant_entries.append(entries)
    position_entries = [[] for _ in positions]  # per position: (rank, column)
    for c, (i, j) in enumerate(columns):
        position_entries[j].append((position_rank[j].get(i, 0), c))

    lines = ["\\ textbook max-stable model (Kwanashie and Manlove 2014)", "Maximize"]

    def terms(pairs):
        out = []
        for k, (coefficient, column) in enumerate(pairs):
            sign = "+" if k > 0 else ""
            out.append(f"{sign} {coefficient:g} x_a{columns[column][0]}_p{columns[column][1]}")
        # glpsol reads lines of at most 255 characters.
        return "\n   ".join(" ".join(out[k:k + 6]) for k in range(0, len(out), 6))

    lines.append(" placed: " + (terms([(1, c) for c in range(len(columns))]) if columns else "0 x_none"))
    lines.append("Subject To")
    for i, entries in enumerate(applicant_entries):
        if entries:
            lines.append(f" applicant_{i}: " + terms([(1, c) for _, c in entries]) + " <= 1")
    for j, entries in enumerate(position_entries):
        if entries:
            capacity = positions[j]["capacity"]
            lines.append(f" position_{j}: " + terms([(1, c) for _, c in entries]) + f" <= {capacity}")
    for c, (i, j) in enumerate(columns):
        capacity = positions[j]["capacity"]
        own_tier = next(t for t, column in applicant_entries[i] if column == c)
        own_rank = position_rank[j].get(i, 0)
        coefficients = {}
        for t, column in applicant_entries[i]:
            if t <= own_tier:
                coefficients[column] = coefficients.get(column, 0) + capacity
        for rank, column in position_entries[j]:
            if rank <= own_rank:
                coefficients[column] = coefficients.get(column, 0) + 1
        pairs = [(value, column) for column, value in sorted(coefficients.items())]
        lines.append(f" stable_{i}_{j}: " + terms(pairs) + f" >= {capacity}")
    lines.append("Binary")
    lines.extend(f" x_a{i}_p{j}" for i, j in columns)
    lines.append("End")
    return "\n".join(lines) + "\n", columns


def main() -> int:
    arguments = parse_arguments(__doc__.split("\n")[0], placement_required=False)

    if arguments.model != "max-stable":
        print(f"glpsol-solve.py: only max-stable is modelled, not {arguments.model}", file=sys.stderr)
        return 2
    glpsol = shutil.which("glpsol")
    if glpsol is None:
        print("glpsol-solve.py: glpsol is not installed (apt-get install glpk-utils)", file=sys.stderr)
        return 2
    with open(arguments.instance, encoding="utf-8") as file:
        instance = json.load(file)
    present = [key for key in UNSUPPORTED if instance.get(key)]
    present += ["minimum"] if any(p.get("minimum") for p in instance["positions"]) else []
    if present:
        print(f"glpsol-solve.py: the textbook model has no {', '.join(present)}", file=sys.stderr)
        return 2
    applicants = [a["id"] for a in instance["applicants"]]
    positions = [p["id"] for p in instance["positions"]]

    with tempfile.TemporaryDirectory() as scratch:
        model_path = os.path.join(scratch, "model.lp")
        solution_path = os.path.join(scratch, "solution.txt")
        text, columns = model_text(instance)
        with open(model_path, "w", encoding="utf-8") as file:
            file.write(text)
        command = [glpsol, "--lp", model_path, "-w", solution_path]
        if arguments.time_limit is not None:
            command += ["--tmlim", str(max(1, int(arguments.time_limit)))]
        started = time.monotonic()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        log = []
        root = None
        relaxation = None
        for line in process.stdout:
            log.append(line)
            # The simplex method's lines: "*   123: obj =   2.794e+03 inf = ...", the last
            # before branch-and-bound's first ("+   123: mip = ...") being the root LP's optimum.
            match = re.match(r"^\*\s*\d+: obj =\s+([-+]?\d[\d.]*(?:[eE][-+]?\d+)?)", line)
            if match and root is None:
                relaxation = (time.monotonic() - started, float(match.group(1)))
            if root is None and line.startswith("+") and "mip =" in line:
                root = relaxation
        process.wait()
        seconds = time.monotonic() - started
        full_log = "".join(log)
        values = []
        status_line = ""
        if os.path.exists(solution_path):
            with open(solution_path, encoding="utf-8") as file:
                solution = [line.split() for line in file if line.strip()]
            # GLPK's plain solution format: `s mip ROWS COLS STATUS OBJ`, `j COL VALUE` lines.
            for fields in solution:
                if fields[0] == "s":
                    status_line = fields[4] if len(fields) > 4 else ""
                elif fields[0] == "j":
                    values.append((int(fields[1]) - 1, float(fields[2])))

    assignment = []
    for column, value in values:
        if value > 0.5:
            i, j = columns[column]
            assignment.append({"applicant": applicants[i], "position": positions[j]})
    placed = {pair["applicant"] for pair in assignment}
    nodes = 0
    progress = [line for line in log if re.match(r"^[+*]\s*\d+:", line)]
    if progress:
        match = re.search(r"\((\d+);\s*(\d+)\)", progress[-1])
        if match:
            nodes = int(match.group(1)) + int(match.group(2))
    optimal = "INTEGER OPTIMAL SOLUTION FOUND" in full_log and status_line == "o"
    stopped = "TIME LIMIT EXCEEDED" in full_log
    result = {"format": "placement-result", "version": 1, "instance": instance.get("name", ""),
              "strategy": "glpsol/max-stable", "method": "glpsol (textbook model)"}
    if optimal:
        result["status"] = "optimal"
    elif "PROBLEM HAS NO INTEGER FEASIBLE SOLUTION" in full_log:
        result["status"] = "infeasible"
    elif values and status_line == "f":
        result["status"] = "feasible"
        if stopped:
            result["stop"] = "timeLimit"
    else:
        result["status"] = "timeLimit"
        result["stop"] = "timeLimit"
        values = []
        assignment = []
        placed = set()
    if values:
        result["objectiveName"] = "placed"
        result["objective"] = float(len(placed))
        if optimal:
            result["bound"] = float(len(placed))
    search = {"nodes": nodes}
    if root is not None:
        search["rootSeconds"] = root[0]
        search["rootBound"] = root[1]
    result["search"] = search
    return finish(result, assignment, applicants, seconds, arguments.output, arguments.usage_output)

if __name__ == "__main__":
    sys.exit(main())
