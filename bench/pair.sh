#!/bin/sh
# pair.sh FILE N A B — times two vigil builds at the same time, one on each
# core (GOMAXPROCS=1, one worker, SigmaHQ rules/windows), N rounds with the
# cores swapped each round, and prints each round's user+sys CPU ratio B/A
# and their median. Running the two side by side exposes both to the same
# spell of the machine, which on a shared VM moves by ±10% between minutes.
# A build against itself gave single ratios from 0.89 to 1.05 and a median
# of 0.998 over six rounds: medians of six to eight rounds resolve ~2–3%,
# finer than bench/ab.sh's alternating runs.
#
#   bench/pair.sh /tmp/vigil-bench/bench-1m.jsonl 8 /tmp/vigil.old /tmp/vigil.new
#
# Needs two cores, taskset, ../shared beside the repo, python3 and
# /usr/bin/time. The alerts of A and B are left in ${TMPDIR:-/tmp}/pair.A.jsonl
# and pair.B.jsonl for cmp.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
rules=${RULES:-$here/../../shared/corpora/sigma/rules/windows}
file=$1
n=$2
a=$3
b=$4
out=${TMPDIR:-/tmp}
times=$(mktemp "$out/pair.times.XXXXXX")
trap 'rm -f "$times"' EXIT
run() { # run CORE LABEL BIN
	taskset -c "$1" /usr/bin/time -f "$2 %U %S" -a -o "$times" env GOMAXPROCS=1 "$3" scan -q --no-progress \
		--workers 1 --rules "$rules" --format jsonl --output "$out/pair.$2.jsonl" "$file" 2>/dev/null
}
i=0
while [ "$i" -lt "$n" ]; do
	cat "$file" >/dev/null # in the page cache (see compare.sh's warm)
	ca=$((i % 2))
	run "$ca" A "$a" &
	run $((1 - ca)) B "$b" &
	wait
	i=$((i + 1))
done
python3 - "$times" <<'P'
import statistics, sys
runs = {"A": [], "B": []}
for line in open(sys.argv[1]):
    k, u, s = line.split()
    runs[k].append(float(u) + float(s))
ratios = [y / x for x, y in zip(runs["A"], runs["B"])]
print("A: " + " ".join("%.2f" % x for x in runs["A"]))
print("B: " + " ".join("%.2f" % x for x in runs["B"]))
print("B/A: " + " ".join("%.3f" % r for r in ratios) + "; median %.3f" % statistics.median(ratios))
P
