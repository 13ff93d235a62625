#!/usr/bin/env python3
"""Solve Placement's own model of an instance with HiGHS and write a Placement result.

The bench harness runs this for a strategy named `highs/MODEL` (`highs/max-stable`),
so that HiGHS is measured side by side with Placement's GLPK searches and its result is
audited the same way (validity, blocking pairs, every claim). It is a measuring tool:
HiGHS (`pip install highspy`) is never a dependency of Placement.

    highs-solve.py --placement BIN --instance X.json --model max-stable
                   [--time-limit S] --output RESULT.json [--usage-output USAGE.json]

The model is `placement export X.json --model MODEL --format mps` (after Placement's
preprocessing); its columns x_a<i>_p<j> give the assignment back by instance order. MPS
means "minimise", so a maximisation is exported negated and negated back here.

Search statistics: `nodes` is HiGHS's node count; `incumbentSeconds` is when HiGHS
reported its last improving solution; `rootSeconds`/`rootBound` are when HiGHS first
reported a finite dual bound and that bound (HiGHS exposes no root-LP event, so this is
the first moment its callbacks show one). Exit 0 on a result, 1 on a stopped or
infeasible one, 2 on bad usage.
"""

import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time

from external_result import finish, parse_arguments


def main() -> int:
    arguments = parse_arguments(__doc__.split("\n")[0], placement_required=True)

    try:
        import highspy
    except ImportError:
        print("highs-solve.py: highspy is not installed (pip install highspy)", file=sys.stderr)
        return 2

    with open(arguments.instance, encoding="utf-8") as file:
        instance = json.load(file)
    applicants = [a["id"] for a in instance["applicants"]]
    positions = [p["id"] for p in instance["positions"]]

    with tempfile.TemporaryDirectory() as scratch:
        model_path = os.path.join(scratch, "model.mps")
        export = subprocess.run(
            [arguments.placement, "export", arguments.instance, "--model", arguments.model,
             "--format", "mps", "--output", model_path],
            capture_output=True, text=True)
        if export.returncode != 0:
            print(f"highs-solve.py: export failed: {export.stderr.strip()}", file=sys.stderr)
            return 2
        with open(model_path, encoding="utf-8") as file:
            head = file.read(4096)
        negated = "objective negated" in head

        highs = highspy.Highs()
        highs.setOptionValue("output_flag", False)
        highs.setOptionValue("threads", 1)
        if arguments.time_limit is not None:
            highs.setOptionValue("time_limit", max(0.0, arguments.time_limit))
        highs.readModel(model_path)
        events = {"improved": None, "root": None}

        def improved(event):
            events["improved"] = event.data_out.running_time

        def interrupted(event):
            bound = event.data_out.mip_dual_bound
            if events["root"] is None and math.isfinite(bound):
                events["root"] = (event.data_out.running_time, bound)

        highs.cbMipImprovingSolution.subscribe(improved)
        highs.cbMipInterrupt.subscribe(interrupted)
        started = time.monotonic()
        highs.run()
        seconds = time.monotonic() - started

        status = highs.getModelStatus()
        info = highs.getInfo()
        names = highs.getLp().col_names_
        values = highs.getSolution().col_value if info.primal_solution_status == 2 else []

    sign = -1.0 if negated else 1.0
    column = re.compile(r"^x_a(\d+)_p(\d+)$")
    assignment = []
    for name, value in zip(names, values):
        match = column.match(name)
        if match and value > 0.5:
            assignment.append({"applicant": applicants[int(match.group(1))],
                               "position": positions[int(match.group(2))]})
    placed = {pair["applicant"] for pair in assignment}

    result = {"format": "placement-result", "version": 1, "instance": instance.get("name", ""),
              "strategy": f"highs/{arguments.model}", "method": f"highs {highspy.Highs().version()}"}
    optimal = status == highspy.HighsModelStatus.kOptimal
    if optimal:
        result["status"] = "optimal"
    elif status == highspy.HighsModelStatus.kInfeasible:
        result["status"] = "infeasible"
    elif values:
        result["status"] = "feasible"
        result["stop"] = "timeLimit"
    else:
        result["status"] = "timeLimit"
        result["stop"] = "timeLimit"
    if arguments.model == "max-stable" and values:
        result["objectiveName"] = "placed"
        result["objective"] = float(len(placed))
        bound = sign * info.mip_dual_bound
        if math.isfinite(bound):
            # The number placed is whole: a bound below the next whole number proves it.
            result["bound"] = float(len(placed)) if optimal else math.floor(bound + 1e-6)
    search = {"nodes": max(0, int(info.mip_node_count))}
    if events["root"] is not None:
        search["rootSeconds"] = events["root"][0]
        search["rootBound"] = sign * events["root"][1]
    if values:
        search["incumbentSeconds"] = events["improved"] if events["improved"] is not None else seconds
    result["search"] = search
    return finish(result, assignment, applicants, seconds, arguments.output, arguments.usage_output)

if __name__ == "__main__":
    sys.exit(main())
