"""Writing an external solver's answer as a Placement result, shared by the bench's solver scripts."""

import argparse
import json
import resource


def finish(result, assignment, applicants, seconds, output, usage_output):
    """Completes `result` with the assignment, the unassigned and the time, writes it to
    `output` and the process's usage (children included) to `usage_output` when given,
    and returns the exit code: 0 for a result that was not stopped, else 1."""
    placed = {pair["applicant"] for pair in assignment}
    result["assignment"] = assignment
    result["unassigned"] = [a for a in applicants if a not in placed]
    result["solveSeconds"] = seconds
    with open(output, "w", encoding="utf-8") as file:
        json.dump(result, file, indent=0)
        file.write("\n")
    if usage_output:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        with open(usage_output, "w", encoding="utf-8") as file:
            json.dump({"solveSeconds": seconds,
                       "cpuSeconds": usage.ru_utime + usage.ru_stime + children.ru_utime + children.ru_stime,
                       "peakBytes": max(usage.ru_maxrss, children.ru_maxrss) * 1024}, file)
    return 0 if result["status"] in ("optimal", "feasible") and not result.get("stop") else 1


def parse_arguments(description, placement_required):
    """The arguments the harness passes to every solver script: the `placement` binary
    (which a script may not need), the instance, the model, the time limit, and where the
    result and usage go."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--placement", required=placement_required, help="the placement binary")
    parser.add_argument("--instance", required=True)
    parser.add_argument("--model", default="max-stable")
    parser.add_argument("--time-limit", type=float)
    parser.add_argument("--output", required=True)
    parser.add_argument("--usage-output")
    return parser.parse_args()
