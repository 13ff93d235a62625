#!/usr/bin/env bash
# Prints the release-build table of the README's "Stable placements with ties" section.
# Markets: applicants × 5 choices over applicants / 20 positions (capacities 1–40), 20% ties
# on both sides (positions rank their applicants), seeds 1…SEEDS.
# Per size: pairs and pairs removed by preprocessing (seed 1); max-stable on seed 1 with
# preprocessing and warm start, without preprocessing, without warm start and without
# either, under a LIMIT-second limit (time to optimal, or the gap); how many of the seeds
# max-stable proves optimal within it; and the mean number placed by deferred
# acceptance (single and multiple tie-breaking), stable-approx and max-stable.
# The slowest column is the longest time to a proven optimum among the seeds proven.
# Usage: scripts/max-stable-scaling.sh [SIZES] [SEEDS]   (default "200 1000 5000 20000", 10)
# Environment: LIMIT (seconds, default 60); VARIANTS=0 skips the seed-1 comparisons.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product placement >/dev/null
sizes=${1:-"200 1000 5000 20000"}
seeds=${2:-10}
limit=${LIMIT:-60}
variants=${VARIANTS:-1}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
bin=.build/release/placement

solve() { # instance, flags… → "placed|status|seconds|gap|removed"
  local file=$1
  shift
  rm -f "$dir/r.json"
  $bin solve "$file" "$@" -o "$dir/r.json" --quiet 2>/dev/null || true
  python3 - "$dir/r.json" <<'PY'
import json, sys
try:
    r = json.load(open(sys.argv[1]))
except (OSError, ValueError):
    print("0|error|0||"); sys.exit()
removed = [n.split()[2] for n in r.get("notes", []) if n.startswith("preprocessing removed")]
gap = r.get("gap")
gap = f"{100 * gap:.2f}%" if r["status"] == "feasible" and gap is not None else ""
print(f"{r['metrics']['matched']}|{r['status']}|{r['solveSeconds']:.2f}|{gap}|{removed[0] if removed else ''}")
PY
}

describe() { # "placed|status|seconds|gap|removed" → table cell
  IFS='|' read -r placed status seconds gap _ <<<"$1"
  case $status in
  optimal) echo "optimal in $seconds s ($placed)" ;;
  feasible) echo "$placed placed, ${gap:+gap }${gap:-no bound} at ${limit} s" ;;
  *) echo "nothing at ${limit} s" ;;
  esac
}

printf '| applicants | pairs | removed by preprocessing | max-stable | without preprocessing | without warm start | without either | optimal within %s s | slowest optimal | DA single | DA multiple | stable-approx | max-stable |\n' "$limit"
printf '|---|---|---|---|---|---|---|---|---|---|---|---|---|\n'
for n in $sizes; do
  single=0 multiple=0 approx=0 max=0 optimal=0 slowest=0
  for seed in $(seq 1 "$seeds"); do
    $bin generate --applicants "$n" --positions $((n / 20)) --list-length 5 --min-capacity 1 --max-capacity 40 \
      --tie-density 0.2 --seed "$seed" -o "$dir/i.json" 2>/dev/null
    IFS='|' read -r placed _ <<<"$(solve "$dir/i.json" --tie-break single --seed "$seed")"
    single=$((single + placed))
    IFS='|' read -r placed _ <<<"$(solve "$dir/i.json" --tie-break multiple --seed "$seed")"
    multiple=$((multiple + placed))
    IFS='|' read -r placed _ <<<"$(solve "$dir/i.json" --strategy stable-approx)"
    approx=$((approx + placed))
    result=$(solve "$dir/i.json" --strategy max-stable --time-limit $limit)
    IFS='|' read -r placed status seconds _ removed <<<"$result"
    max=$((max + placed))
    if [ "$status" = optimal ]; then
      optimal=$((optimal + 1))
      slowest=$(python3 -c "print(max($slowest, $seconds))")
    fi
    if [ "$seed" = 1 ]; then
      pairs=$(python3 -c "import json; print(sum(len(t) if isinstance(t, list) else 1 for a in json.load(open('$dir/i.json'))['applicants'] for t in a['preferences']))")
      firstRemoved=$removed
      first=$(describe "$result")
      noPre=- noWarm=- neither=-
      [ "$variants" = 1 ] || continue
      noPre=$(describe "$(solve "$dir/i.json" --strategy max-stable --time-limit $limit --no-preprocessing)")
      noWarm=$(describe "$(solve "$dir/i.json" --strategy max-stable --time-limit $limit --no-warm-start)")
      neither=$(describe "$(solve "$dir/i.json" --strategy max-stable --time-limit $limit --no-preprocessing --no-warm-start)")
    fi
  done
  mean() { python3 -c "print(f'{$1 / $seeds:.1f}')"; }
  [ "$optimal" = 0 ] && slowest=– || slowest="$slowest s"
  printf '| %s | %s | %s | %s | %s | %s | %s | %s of %s | %s | %s | %s | %s | %s |\n' "$n" "$pairs" "$firstRemoved" \
    "$first" "$noPre" "$noWarm" "$neither" "$optimal" "$seeds" "$slowest" "$(mean $single)" "$(mean $multiple)" \
    "$(mean $approx)" "$(mean $max)"
done
