#!/usr/bin/env bash
# Prints the release-build welfare tables of the README.
# 1. Flow path: applicants × 20 choices over applicants / 50 positions (capacities 1–70,
#    positions indifferent), objective rank-sum, for 1k … 1M applicants; then the same at
#    10k and 100k with nested groups and type quotas (no auction warm start).
# 2. Markets that are not networks: closable minimums (with fewer seats than applicants,
#    then twice as many seats, so that closing binds), or crossing groups with minimums, at
#    1k and 10k, with a 60 s time limit: the method that answered (the network relaxation
#    when its optimum meets every constraint, else GLPK), time to optimal, or the gap.
# Usage: scripts/welfare-scaling.sh [--quick]   (--quick: skip 1M and the 10k GLPK runs)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product placement >/dev/null
quick=${1:-}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
bin=.build/release/placement
common=(--list-length 20 --min-capacity 1 --max-capacity 70 --indifferent-positions --seed 1)

run() { # file, extra solve flags… → "solve-seconds|end-to-end|peak MB|status|notes|method"
  local file=$1
  shift
  /usr/bin/time -f '%M %e' -o "$dir/time" $bin solve "$file" --strategy welfare "$@" -o "$dir/r.json" \
    --timings 2>"$dir/err" || true
  read -r rss wall <"$dir/time"
  local solve status notes method
  solve=$(sed -nE 's/.*solve ([0-9.]+) s.*/\1/p' "$dir/err")
  method=$(sed -nE 's/^welfare \([^,]*, ([^)]*)\).*/\1/p' "$dir/err")
  status=$(sed -nE 's/^welfare \(.*\): ([a-z]+) in.*/\1/p' "$dir/err")
  notes=$(grep '^note:' "$dir/err" | sed 's/^note: //' | paste -sd ';' - | sed 's/;/; /g')
  echo "$solve|$wall|$((rss / 1024))|$status|$notes|$method"
}

printf '| applicants | shape | method | solve | end to end | peak memory | result |\n|---|---|---|---|---|---|---|\n'
sizes="1000 10000 100000 1000000"
[ "$quick" = --quick ] && sizes="1000 10000 100000"
for n in $sizes; do
  $bin generate --applicants $n --positions $((n / 50)) "${common[@]}" -o "$dir/i.json" 2>/dev/null
  IFS='|' read -r solve wall rss status notes method <<<"$(run "$dir/i.json")"
  printf '| %s | capacities | %s | %s s | %s s | %s MB | %s: %s |\n' \
    $n "$method" "$solve" "$wall" "$rss" "$status" "$notes"
done
for n in 10000 100000; do
  $bin generate --applicants $n --positions $((n / 50)) "${common[@]}" --groups $((n / 500)) --types 4 \
    --type-quota-share 0.5 -o "$dir/g.json" 2>/dev/null
  IFS='|' read -r solve wall rss status notes method <<<"$(run "$dir/g.json")"
  printf '| %s | groups + type quotas | %s | %s s | %s s | %s MB | %s: %s |\n' \
    $n "$method" "$solve" "$wall" "$rss" "$status" "$notes"
done
glpk="1000"
[ "$quick" = --quick ] || glpk="1000 10000"
for n in $glpk; do
  for seats in 70 140; do
    $bin generate --applicants $n --positions $((n / 50)) "${common[@]}" --max-capacity $seats \
      --minimum-share 0.3 --closable-share 1 -o "$dir/c.json" 2>/dev/null
    IFS='|' read -r solve wall rss status notes method <<<"$(run "$dir/c.json" --time-limit 60)"
    printf '| %s | closable minimums, capacities 1–%s | %s | %s s | %s s | %s MB | %s: %s |\n' \
      $n $seats "$method" "$solve" "$wall" "$rss" "$status" "$notes"
  done
  $bin generate --applicants $n --positions $((n / 50)) "${common[@]}" --groups 4 --crossing-groups 3 \
    --group-minimum-share 1 -o "$dir/x.json" 2>/dev/null
  IFS='|' read -r solve wall rss status notes method <<<"$(run "$dir/x.json" --time-limit 60)"
  printf '| %s | crossing groups with minimums | %s | %s s | %s s | %s MB | %s: %s |\n' \
    $n "$method" "$solve" "$wall" "$rss" "$status" "$notes"
done
