#!/usr/bin/env bash
# Writes what every strategy assigns and every exported model, on the bundled season and
# on the README's benchmark instances, into OUT: one file per run with the result's
# `assignment` and `unassigned` (nothing that depends on timing), and each model as written.
# Two builds compare with `diff -r`: a refactoring must leave every file the same.
# Usage: scripts/strategy-outputs.sh OUT [BINARY]   (default: the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$1
bin=${2:-}
if [ -z "$bin" ]; then
  swift build -c release --product placement >/dev/null
  bin=.build/release/placement
fi
mkdir -p "$out"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

season=instances/hoa-lac-internships-2026.json
common=(--list-length 20 --min-capacity 1 --max-capacity 70 --indifferent-positions --seed 1)
$bin generate --applicants 10000 --positions 200 "${common[@]}" -o "$dir/flow-10k.json" 2>/dev/null
$bin generate --applicants 10000 --positions 200 "${common[@]}" --groups 20 --types 4 --type-quota-share 0.5 \
  -o "$dir/groups-10k.json" 2>/dev/null
$bin generate --applicants 1000 --positions 20 "${common[@]}" --max-capacity 140 --minimum-share 0.3 \
  --closable-share 1 -o "$dir/closable-1k.json" 2>/dev/null
$bin generate --applicants 1000 --positions 20 "${common[@]}" --groups 4 --crossing-groups 3 \
  --group-minimum-share 1 -o "$dir/crossing-1k.json" 2>/dev/null
for n in 200 1000; do
  $bin generate --applicants $n --positions $((n / 20)) --list-length 5 --min-capacity 1 --max-capacity 40 \
    --tie-density 0.2 --seed 1 -o "$dir/ties-$n.json" 2>/dev/null
done

assignment() { # name, instance, flags…: the result's assignment and unassigned lists
  local name=$1 file=$2
  shift 2
  $bin solve "$file" "$@" -o "$dir/r.json" --quiet 2>"$dir/err" || true
  python3 - "$dir/r.json" >"$out/$name.txt" <<'PY'
import json, sys
try:
    r = json.load(open(sys.argv[1]))
except (OSError, ValueError):
    print("no result"); sys.exit()
for pair in r["assignment"]:
    print(pair["applicant"], pair["position"])
print("unassigned", *r["unassigned"])
PY
  rm -f "$dir/r.json"
}

for proposer in applicants positions; do
  for tie in listed single multiple; do
    assignment "season-da-$proposer-$tie" $season --proposer $proposer --tie-break $tie --seed 7
  done
done
assignment season-stable-approx $season --strategy stable-approx
for objective in rank-sum rank-maximal generous; do
  assignment "season-welfare-$objective" $season --strategy welfare --objective $objective
done
assignment season-welfare-glpk $season --strategy welfare --method glpk
assignment flow-10k-welfare $dir/flow-10k.json --strategy welfare
assignment groups-10k-welfare $dir/groups-10k.json --strategy welfare
assignment groups-10k-welfare-generous $dir/groups-10k.json --strategy welfare --objective generous
assignment closable-1k-welfare $dir/closable-1k.json --strategy welfare
assignment crossing-1k-welfare $dir/crossing-1k.json --strategy welfare
for n in 200 1000; do
  assignment "ties-$n-stable-approx" $dir/ties-$n.json --strategy stable-approx
  assignment "ties-$n-max-stable" $dir/ties-$n.json --strategy max-stable
  assignment "ties-$n-da-single" $dir/ties-$n.json --tie-break single --seed 1
done
assignment ties-200-welfare-stable $dir/ties-200.json --strategy welfare --stable

export_model() { # name, instance, flags…
  local name=$1 file=$2
  shift 2
  $bin export "$file" "$@" -o "$out/$name" 2>/dev/null || echo "failed" >"$out/$name"
}
export_model season-welfare-1.lp $season
export_model season-welfare-2.lp $season --level 2
export_model season-welfare-rank-maximal-2.mps $season --objective rank-maximal --level 2 --format mps
export_model season-max-stable.lp $season --model max-stable
export_model season-welfare-stable.lp $season --model welfare-stable
export_model closable-1k-welfare-2.lp $dir/closable-1k.json --level 2
export_model ties-1000-max-stable.mps $dir/ties-1000.json --model max-stable --format mps
echo "wrote $(ls "$out" | wc -l) files to $out"
