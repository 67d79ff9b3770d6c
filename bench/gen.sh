#!/bin/sh
# gen.sh [DIR] — builds the benchmark inputs from ../shared/bench with its
# deterministic expander: DIR/bench-1m.jsonl (1,000,000 flat Windows events,
# ~740 bytes each, ~685 MB) and its first 20,000 and 100,000 lines as
# bench-20k.jsonl and bench-100k.jsonl. Same bytes on every machine; files
# already present are kept.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
shared=${SHARED:-$here/../../shared}
dir=${1:-${TMPDIR:-/tmp}/vigil-bench}
mkdir -p "$dir"
if [ ! -s "$dir/bench-1m.jsonl" ]; then
	python3 "$shared/bench/make-bench.py" --events 1000000 "$dir/bench-1m.jsonl.tmp" >&2
	mv "$dir/bench-1m.jsonl.tmp" "$dir/bench-1m.jsonl"
fi
[ -s "$dir/bench-20k.jsonl" ] || head -n 20000 "$dir/bench-1m.jsonl" >"$dir/bench-20k.jsonl"
[ -s "$dir/bench-100k.jsonl" ] || head -n 100000 "$dir/bench-1m.jsonl" >"$dir/bench-100k.jsonl"
echo "$dir"
