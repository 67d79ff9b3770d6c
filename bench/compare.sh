#!/bin/sh
# compare.sh — times vigil against the peer engines in one run, on the same
# generated file and the same rules (SigmaHQ rules/windows), one core each,
# and ends with the line "ratio vs best peer: X.Y": vigil's events/s on the
# generated file (1,000,000 events, GOMAXPROCS=1, one worker) ÷ the fastest
# peer's on the same file.
#
#   bench/compare.sh              # gsre on the whole file; sigma-go on its first 20,000 events
#   SUBSET=5000 bench/compare.sh
#   RUNS=3 bench/compare.sh       # gsre and vigil (one core, whole file) in turn 3 times:
#                                 # the ratio is of their medians
#
# On a shared VM the speed of the machine drifts by a third within minutes,
# and one gsre run takes 1.5 minutes: with RUNS > 1 the two engines are
# timed alternately and the ratio is taken of the medians, so that a slow
# spell during one engine's run does not decide it.
#
# The peers decode with sonic, the fastest decoder their harness offers
# (go-sigma-rule-engine runs ~10% faster with it than with encoding/json):
# the ratio is then engine against engine.
#
# sigma-go runs ~100× slower than vigil (20+ minutes for the whole file), so
# it reads only the first SUBSET events of the file (its harness's -limit);
# go-sigma-rule-engine, the fastest peer, reads all of it. A row also shows
# vigil on the SUBSET head alone, where building its per-Channel/EventID
# plans is a larger share of the run.
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

# warm FILE: reads FILE once so that the timed run finds it in the page
# cache. This VM's kernel reclaims file pages left idle (kdamond runs), so after a
# 90-second gsre run the file is gone from the cache, and an engine reading
# it at 200+ MB/s then spends a quarter of its time in the kernel filling the
# cache (measured: vigil 230,000 events/s cold against 302,000 warm, 1.26 s
# of system time against 0.28). Every engine is timed warm, so the figures
# are the engines', not the disk's.
warm() { cat "$1" >/dev/null; }

# json_field FILE KEY: a number from a peer's summary JSON
json_field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
# rss_mib FILE: peak RSS from /usr/bin/time -f %M output (KiB)
rss_mib() { awk '/^RSS_KB/ {printf "%.1f", $2/1024}' "$1"; }

printf '%-52s %12s %9s %10s\n' "engine (events)" "events/s" "alerts" "peak RSS"
row() { printf '%-52s %12.0f %9s %8s MiB\n' "$1" "$2" "$3" "$4"; }

runs=${RUNS:-1}
best=0
# peer NAME LIMIT LABEL: runs a peer on the generated file (LIMIT 0: all of it)
peer() {
	warm "$full"
	env GOMAXPROCS=1 GSRE_NOCOLLAPSE=1 "$tmp/$1" -rules "$rules" -thor "$thor" -events "$full" -limit "$2" -decoder sonic -out "$tmp/$1" 2>/dev/null
	eps=$(json_field "$tmp/$1.summary.json" events_per_sec_run)
	row "$1, GOMAXPROCS=1 ($3)" "$eps" "$(json_field "$tmp/$1.summary.json" matches_total)" "$(json_field "$tmp/$1.summary.json" max_rss_mib)"
	best=$(python3 -c "print(max($best, $eps))")
}
peer sigmago "$subset" "first $subset"
for dec in std sonic; do
	warm "$full"
	line=$(env GOMAXPROCS=1 "$tmp/jsonfloor" -decoder $dec "$full")
	eps=$(echo "$line" | sed 's/.*events_per_s=\([0-9.]*\).*/\1/')
	rss=$(echo "$line" | sed 's/.*max_rss_mib=\([0-9.]*\).*/\1/')
	row "jsonfloor -decoder $dec (decode only) (1,000,000)" "$eps" "-" "$rss"
done

# vigil_run LABEL FILE GOMAXPROCS WORKERS: prints a row, leaves events/s in $veps
vigil_run() {
	warm "$2"
	/usr/bin/time -f 'RSS_KB %M' -o "$tmp/time" env GOMAXPROCS=$3 "$tmp/vigil" scan -q --no-progress --workers "$4" \
		--rules "$rules" --format jsonl --output "$tmp/alerts.jsonl" "$2" 2>"$tmp/summary"
	veps=$(sed -n 's/^events: .*(\([0-9]*\) events\/s).*/\1/p' "$tmp/summary")
	alerts=$(sed -n 's/^alerts: *\([0-9]*\).*/\1/p' "$tmp/summary")
	row "$1" "$veps" "$alerts" "$(rss_mib "$tmp/time")"
}
vigil_run "vigil, GOMAXPROCS=1 (first $subset)" "$sub" 1 1
vigil_run "vigil, all cores ($(nproc)) (1,000,000)" "$full" "$(nproc)" "$(nproc)"

# The headline pair, alternately: go-sigma-rule-engine (the fastest peer
# by far) and vigil on one core, on the whole file.
others=$best # sigma-go's, the slow peer
peers="" ones=""
i=0
while [ "$i" -lt "$runs" ]; do
	peer gsre 0 "1,000,000"
	peers="$peers $eps"
	vigil_run "vigil, GOMAXPROCS=1 (1,000,000)" "$full" 1 1
	ones="$ones $veps"
	i=$((i + 1))
done
median() { python3 -c 'import statistics,sys; print("%.0f" % statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }
# shellcheck disable=SC2086
best=$(python3 -c "print(max($others, $(median $peers)))")
# shellcheck disable=SC2086
veps=$(median $ones)
if [ "$runs" -gt 1 ]; then
	echo "medians of $runs alternating runs: gsre$(printf ' %.0f' $peers) → $(median $peers); vigil$(printf ' %.0f' $ones) → $veps"
fi
echo "best peer: $best events/s; vigil on the same file, one core: $veps events/s"
python3 -c "print('ratio vs best peer: %.1f' % ($veps / $best))"
