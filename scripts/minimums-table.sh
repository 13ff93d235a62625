#!/usr/bin/env bash
# Prints the release-build table of the README's "Minimums" section: on the bundled
# talent networks, the same with a type rule per region (at least 70% of its experts
# overseas Vietnamese), and on generated ones at 2k, 10k and 50k experts (network minimums
# scaled with the experts, sector minimums 1.05 times and region minimums 1.1 times their
# networks'), the time and peak memory of `diagnose`, and of each strategy under
# minimums (time to optimal or the gap at LIMIT seconds, blocking pairs, minimums missed).
# Usage: scripts/minimums-table.sh [SIZES]   (default "2000 10000 50000")
# Environment: LIMIT (seconds, default 60).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product placement >/dev/null
sizes=${1:-"2000 10000 50000"}
limit=${LIMIT:-60}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
bin=.build/release/placement

timed() { # command… → "seconds|peak MB" (the command's own exit status is ignored)
  /usr/bin/time -f "%e|%M" -o "$dir/time" "$@" >/dev/null 2>&1 || true
  # A failing command's line ("Command exited with non-zero status 1") comes first.
  tail -1 "$dir/time" | awk -F'|' '{ printf "%s|%d", $1, $2 / 1024 }'
}

run() { # instance, strategy, flags… → one cell: "status, blocking pairs, seconds (peak MB)"
  local file=$1 strategy=$2
  shift 2
  rm -f "$dir/r.json"
  local cost
  cost=$(timed $bin solve "$file" --strategy "$strategy" --time-limit "$limit" "$@" -o "$dir/r.json" --quiet)
  python3 - "$dir/r.json" "$cost" <<'PY'
import json, sys
seconds, memory = sys.argv[2].split("|")
try:
    r = json.load(open(sys.argv[1]))
except (OSError, ValueError):
    print(f"refused or failed (no result), {seconds} s"); sys.exit()
if r["status"] == "timeLimit":
    print(f"no placement at the limit, {float(seconds):.2f} s ({memory} MB)"); sys.exit()
missed = sum(1 for m in r["metrics"].get("minimums", []) if m["placed"] < m["minimum"])
status = r["status"]
if status == "feasible" and r.get("gap") is not None and r.get("stop"):
    gap = 100 * r['gap']
    status = f"gap {gap:.0f}%" if gap >= 1 or gap == 0 else f"gap {gap:.2f}%"
if missed:
    status += f", {missed} minimums missed"
print(f"{status}, {r['metrics']['blockingPairs']:,} blocking, {float(seconds):.2f} s ({memory} MB)")
PY
}

echo "| instance | diagnose | welfare | stabilized-welfare | fewest-blocking (${limit} s) | extended-seats |"
echo "|---|---|---|---|---|---|"
row() { # label, file
  /usr/bin/time -f "%e|%M" -o "$dir/time" $bin diagnose "$2" --time-limit "$limit" >"$dir/verdict" 2>/dev/null || true
  local diagnosis verdict
  diagnosis=$(tail -1 "$dir/time" | awk -F'|' '{ printf "%s|%d", $1, $2 / 1024 }')
  verdict=$(head -1 "$dir/verdict" | sed 's/^[^:]*: //')
  echo "| $1 | $verdict, ${diagnosis%|*} s (${diagnosis#*|} MB) | $(run "$2" welfare) | $(run "$2" stabilized-welfare) |" \
    "$(run "$2" fewest-blocking) | $(run "$2" extended-seats) |"
}
row "\`talent-networks-2030\` (2,400 experts)" instances/talent-networks-2030.json
$bin generate --preset expert-network --seed 2030 --region-overseas-share 0.7 -o "$dir/overseas.json" 2>/dev/null
row "the same, each region at least 70% overseas Vietnamese" "$dir/overseas.json"
for n in $sizes; do
  minimum=$(((n * 100 + 1199) / 2400))
  $bin generate --preset expert-network --experts "$n" --network-minimum "$minimum" --sector-minimum-factor 1.05 \
    --seed 1 -o "$dir/m$n.json" 2>/dev/null
  row "$n experts, minimums $minimum" "$dir/m$n.json"
done
