#!/usr/bin/env bash
# Prints the release-build scaling table of the README: for 10k, 100k and 1M applicants
# × 20 choices (applicants / 50 positions, capacities 1–70), the time of each phase of
# `placement solve --timings` and the peak resident memory of the whole run.
# Usage: scripts/scaling.sh [--ranked]   (--ranked: positions rank their applicants)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product placement >/dev/null
ranked=${1:-}
flag=--indifferent-positions
[ "$ranked" = --ranked ] && flag=
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
printf '| applicants | file | read | compile | deferred acceptance | evaluate | write | end to end | peak memory |\n'
printf '|---|---|---|---|---|---|---|---|---|\n'
for n in 10000 100000 1000000; do
  .build/release/placement generate --applicants $n --positions $((n / 50)) --list-length 20 \
    --min-capacity 1 --max-capacity 70 $flag --seed 1 -o "$dir/i.json" 2>/dev/null
  size=$(du -m "$dir/i.json" | cut -f1)
  /usr/bin/time -f '%M %e' -o "$dir/time" .build/release/placement solve "$dir/i.json" \
    -o "$dir/r.json" --timings --quiet 2>"$dir/timings"
  read -r rss wall <"$dir/time"
  t=$(cat "$dir/timings")
  field() { echo "$t" | sed -E "s/.*$1 ([0-9.]+) s.*/\1/"; }
  printf '| %s | %s MB | %s s | %s s | %s s | %s s | %s s | %s s | %s MB |\n' "$n" "$size" \
    "$(field read)" "$(field compile)" "$(field solve)" "$(field evaluate)" "$(field write)" "$wall" $((rss / 1024))
done
