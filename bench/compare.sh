#!/bin/sh
# compare.sh — times vigil against the peer engines in one run, on the same
# events and the same rules (SigmaHQ rules/windows), and ends with the line
# "ratio vs best peer: X.Y" (vigil events/s at GOMAXPROCS=1 on the subset ÷
# the fastest peer's on the same subset).
#
#   bench/compare.sh            # subset of 20,000 events; vigil also on 1M
#   SUBSET=5000 bench/compare.sh
#
# Needs ../shared beside the repo, Go, python3 and /usr/bin/time. Builds go
# to a temporary directory: the peers are built in a copy of
# ../shared/bench/peers (with the harnesses from bench/_peers), never in
# vigil's module. Inputs come from bench/gen.sh (BENCH_DIR, default
# ${TMPDIR:-/tmp}/vigil-bench).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
shared=${SHARED:-$repo/../shared}
subset=${SUBSET:-20000}
rules=$shared/corpora/sigma/rules/windows
thor=$shared/corpora/sigma/reference/thor.yml
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vigil-compare.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

dir=$("$here/gen.sh" "${BENCH_DIR:-${TMPDIR:-/tmp}/vigil-bench}")
full=$dir/bench-1m.jsonl
sub=$dir/bench-sub-$subset.jsonl
[ -s "$sub" ] || head -n "$subset" "$full" >"$sub"

echo "== building (vigil, peers) in $tmp" >&2
(cd "$repo" && go build -o "$tmp/vigil" ./cmd/vigil)
cp -r "$shared/bench/peers" "$tmp/peersrc"
chmod -R u+w "$tmp/peersrc"
cp -r "$here/_peers/sigmago" "$here/_peers/gsre" "$tmp/peersrc/cmd/"
(cd "$tmp/peersrc" && go build -o "$tmp/" ./cmd/...)

# json_field FILE KEY: a number from a peer's summary JSON
json_field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
# rss_mib FILE: peak RSS from /usr/bin/time -f %M output (KiB)
rss_mib() { awk '/^RSS_KB/ {printf "%.1f", $2/1024}' "$1"; }

printf '%-44s %12s %9s %10s\n' "engine (events)" "events/s" "alerts" "peak RSS"
row() { printf '%-44s %12.0f %9s %8s MiB\n' "$1" "$2" "$3" "$4"; }

best=0
for peer in gsre sigmago; do
	env GOMAXPROCS=1 GSRE_NOCOLLAPSE=1 "$tmp/$peer" -rules "$rules" -thor "$thor" -events "$sub" -out "$tmp/$peer" 2>/dev/null
	eps=$(json_field "$tmp/$peer.summary.json" events_per_sec_run)
	row "$peer, GOMAXPROCS=1 ($subset)" "$eps" "$(json_field "$tmp/$peer.summary.json" matches_total)" "$(json_field "$tmp/$peer.summary.json" max_rss_mib)"
	best=$(python3 -c "print(max($best, $eps))")
done
for dec in std sonic; do
	line=$(env GOMAXPROCS=1 "$tmp/jsonfloor" -decoder $dec "$sub")
	eps=$(echo "$line" | sed 's/.*events_per_s=\([0-9.]*\).*/\1/')
	rss=$(echo "$line" | sed 's/.*max_rss_mib=\([0-9.]*\).*/\1/')
	row "jsonfloor -decoder $dec (decode only) ($subset)" "$eps" "-" "$rss"
done

# vigil_run LABEL FILE GOMAXPROCS WORKERS: prints a row, leaves events/s in $veps
vigil_run() {
	/usr/bin/time -f 'RSS_KB %M' -o "$tmp/time" env GOMAXPROCS=$3 "$tmp/vigil" scan -q --no-progress --workers "$4" \
		--rules "$rules" --format jsonl --output "$tmp/alerts.jsonl" "$2" 2>"$tmp/summary"
	veps=$(sed -n 's/^events: .*(\([0-9]*\) events\/s).*/\1/p' "$tmp/summary")
	alerts=$(sed -n 's/^alerts: *\([0-9]*\).*/\1/p' "$tmp/summary")
	row "$1" "$veps" "$alerts" "$(rss_mib "$tmp/time")"
}
vigil_run "vigil, GOMAXPROCS=1 ($subset)" "$sub" 1 1
sub_eps=$veps
vigil_run "vigil, GOMAXPROCS=1 (1,000,000)" "$full" 1 1
vigil_run "vigil, all cores ($(nproc)) (1,000,000)" "$full" "$(nproc)" "$(nproc)"
echo "best peer: $best events/s; vigil on the same $subset events: $sub_eps events/s"
python3 -c "print('ratio vs best peer: %.1f' % ($sub_eps / $best))"
