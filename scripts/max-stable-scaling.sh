#!/usr/bin/env bash
# Prints the release-build table of the README's "Stable placements with ties" section.
# Markets: applicants × 5 choices over applicants / 20 positions (capacities 1–40), 20% ties
# on both sides (positions rank their applicants), seeds 1…SEEDS.
# For each size: pairs removed by preprocessing; max-stable with preprocessing and warm
# start, and without either, under a 60 s limit (seed 1): time to optimal or the gap;
# and placed by deferred acceptance (single and multiple tie-breaking), stable-approx and
# max-stable, means over the seeds.
# Usage: scripts/max-stable-scaling.sh [SIZES] [SEEDS]   (default "200 1000 5000 20000", 10)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product placement >/dev/null
sizes=${1:-"200 1000 5000 20000"}
seeds=${2:-10}
limit=60
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
bin=.build/release/placement

field() { # result file, metric → value
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(r$2)" "$1"
}

solve() { # instance, flags… → "placed|status|seconds|gap|removed"
  local file=$1
  shift
  $bin solve "$file" "$@" -o "$dir/r.json" --quiet 2>/dev/null || true
  local removed
  removed=$(python3 -c "
import json; r=json.load(open('$dir/r.json'))
n=[x for x in r.get('notes', []) if x.startswith('preprocessing removed')]
print(n[0].split()[2] if n else '')" 2>/dev/null || true)
  echo "$(field "$dir/r.json" "['metrics']['matched']")|$(field "$dir/r.json" "['status']")|$(field "$dir/r.json" "['solveSeconds']")|$(field "$dir/r.json" ".get('gap', '')")|$removed"
}

printf '| applicants | pairs | removed by preprocessing | max-stable (preprocessing + warm start) | max-stable (neither) | DA single | DA multiple | stable-approx | max-stable |\n'
printf '|---|---|---|---|---|---|---|---|---|\n'
for n in $sizes; do
  declare -A sum=([single]=0 [multiple]=0 [approx]=0 [max]=0)
  maxRuns=0
  for seed in $(seq 1 "$seeds"); do
    $bin generate --applicants "$n" --positions $((n / 20)) --list-length 5 --min-capacity 1 --max-capacity 40 \
      --tie-density 0.2 --seed "$seed" -o "$dir/i.json" 2>/dev/null
    pairs=$(python3 -c "import json; print(sum(len(a['preferences']) for a in json.load(open('$dir/i.json'))['applicants']))")
    IFS='|' read -r placed _ _ _ _ <<<"$(solve "$dir/i.json" --tie-break single --seed "$seed")"
    sum[single]=$((sum[single] + placed))
    IFS='|' read -r placed _ _ _ _ <<<"$(solve "$dir/i.json" --tie-break multiple --seed "$seed")"
    sum[multiple]=$((sum[multiple] + placed))
    IFS='|' read -r placed _ _ _ _ <<<"$(solve "$dir/i.json" --strategy stable-approx)"
    sum[approx]=$((sum[approx] + placed))
    IFS='|' read -r placed status seconds gap removed <<<"$(solve "$dir/i.json" --strategy max-stable --time-limit $limit)"
    sum[max]=$((sum[max] + placed))
    maxRuns=$((maxRuns + 1))
    if [ "$seed" = 1 ]; then
      first="$status $(printf '%.2f' "$seconds") s, $placed placed${gap:+, gap $gap}"
      firstRemoved=$removed
      IFS='|' read -r placed status seconds gap _ <<<"$(solve "$dir/i.json" --strategy max-stable --time-limit $limit --no-preprocessing --no-warm-start)"
      bare="$status $(printf '%.2f' "$seconds") s, $placed placed${gap:+, gap $gap}"
    fi
  done
  mean() { python3 -c "print(f'{$1 / $2:.1f}')"; }
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$n" "$pairs" "$firstRemoved" "$first" "$bare" \
    "$(mean "${sum[single]}" "$seeds")" "$(mean "${sum[multiple]}" "$seeds")" "$(mean "${sum[approx]}" "$seeds")" \
    "$(mean "${sum[max]}" "$maxRuns")"
done
