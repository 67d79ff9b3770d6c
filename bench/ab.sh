#!/bin/sh
# ab.sh FILE N BIN... — times vigil binaries against each other on FILE,
# running them in turn N times each (one core, one worker, SigmaHQ
# rules/windows), and prints each binary's minimum and median user+sys CPU
# seconds. Alternating, rather than timing one build then the other, is
# what makes small differences visible on a noisy machine.
#
#   go build -o /tmp/vigil.old ./cmd/vigil   # on the base commit
#   go build -o /tmp/vigil.new ./cmd/vigil   # on the change
#   bench/ab.sh /tmp/vigil-bench/bench-1m.jsonl 5 /tmp/vigil.old /tmp/vigil.new
#
# The alerts of each binary are left in ${TMPDIR:-/tmp}/ab.N.jsonl (N: its
# position) for cmp. Needs ../shared beside the repo, python3 and /usr/bin/time.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
rules=${RULES:-$here/../../shared/corpora/sigma/rules/windows}
file=$1
n=$2
shift 2
times=$(mktemp "${TMPDIR:-/tmp}/ab.times.XXXXXX")
trap 'rm -f "$times"' EXIT
i=0
while [ "$i" -lt "$n" ]; do
	k=0
	for bin in "$@"; do
		k=$((k + 1))
		cat "$file" >/dev/null # in the page cache for every run (see compare.sh's warm)
		/usr/bin/time -f "$k %U %S" -a -o "$times" env GOMAXPROCS=1 "$bin" scan -q --no-progress --workers 1 \
			--rules "$rules" --format jsonl --output "${TMPDIR:-/tmp}/ab.$k.jsonl" "$file" 2>/dev/null
	done
	i=$((i + 1))
done
python3 - "$times" "$@" <<'P'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    k, u, s = line.split()
    runs.setdefault(int(k), []).append(float(u) + float(s))
for k, b in enumerate(sys.argv[2:], 1):
    v = sorted(runs[k])
    print("%s: min %.2f s, median %.2f s (n=%d)" % (b, v[0], statistics.median(v), len(v)))
P
