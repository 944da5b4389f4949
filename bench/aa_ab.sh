#!/bin/sh
# bench/aa_ab.sh -- the proof experiments of the benchmark harness.
#
#   A/A   bench_aa (24 benchmarks) run as N separate processes per side, the
#         sides interleaved, compared with pwf-compare --runs on (each
#         process is one run; its block medians are reduced to the run
#         median): false regressions as a share of the benchmarks.
#   A/B   Chain/SLOW with 5 % more work on side B (PWF_AA_SLOW), N
#         processes per side, repeated REPS times: the share of repetitions
#         in which pwf-compare reports the regression (exit status 1).
#   STAB  the run median of Sum64 (a 64-int sum) over N processes that
#         measure only it, and over the N side-A processes of the A/A
#         experiment: coefficient of variation, with every value.
#
# Usage: O=build sh bench/aa_ab.sh   (after `make bench` built the programs)
# Knobs: N=10 REPS=10 MAXT=0.2 (budget per benchmark, s) THR=0 (pwf-compare
# threshold, %) SLOW=100.  Needs python3 for the CSV arithmetic only.
set -eu
O=${O:-build}
N=${N:-10}
REPS=${REPS:-10}
MAXT=${MAXT:-0.2}
THR=${THR:-0}
SLOW=${SLOW:-100}
BIN=$O/bench/bench_aa
CMP=$O/bin/pwf-compare
for f in "$BIN" "$CMP"; do
	[ -x "$f" ] || { echo "aa_ab.sh: $f missing (make bench tools)"; exit 2; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
echo "aa_ab.sh: N=$N REPS=$REPS MAXT=$MAXT THR=$THR% SLOW=Chain/$SLOW"
echo "load before: $(uptime)"
start=$(date +%s)

# ---- A/A (and the stability figure from its side-A processes) ----------
i=1
while [ "$i" -le "$N" ]; do
	"$BIN" --format go --max-time "$MAXT" --out "$tmp/a$i.txt"
	"$BIN" --format go --max-time "$MAXT" --out "$tmp/b$i.txt"
	i=$((i + 1))
done
set +e
"$CMP" --runs on --threshold "$THR" --format csv $tmp/a*.txt -- \
    $tmp/b*.txt > "$tmp/aa.csv"
rc=$?
set -e
[ "$rc" -le 1 ] || { echo "aa_ab.sh: pwf-compare failed ($rc)"; exit 2; }
python3 - "$tmp/aa.csv" "$tmp" "$N" <<'EOF'
import csv, statistics, sys, glob
rows = list(csv.DictReader(open(sys.argv[1])))
ns = [r for r in rows if r["unit"] == "ns/op" and r["presence"] == "both"]
reg = [r["name"] for r in ns if r["verdict"] == "regressed"]
imp = [r["name"] for r in ns if r["verdict"] == "improved"]
allreg = [r for r in rows if r["verdict"] == "regressed"]
print("A/A: %d benchmarks (ns/op), %d runs per side: %d false regressions "
      "(%.1f %%), %d false improvements; %d regressions over all %d rows "
      "(ns/op, B/op, allocs/op, MB/s, items/s)"
      % (len(ns), int(sys.argv[3]), len(reg), 100.0 * len(reg) / len(ns),
         len(imp), len(allreg), len(rows)))
if reg:
    print("A/A: regressed: " + " ".join(reg))
# Stability: the run median of Sum64 in each side-A process.
meds = []
for f in sorted(glob.glob(sys.argv[2] + "/a*.txt")):
    v = [float(l.split()[2]) for l in open(f)
         if l.startswith("BenchmarkSum64\t") or l.startswith("BenchmarkSum64 ")]
    meds.append(statistics.median(v))
m = statistics.mean(meds)
cv = statistics.stdev(meds) / m
print("STAB(A/A side A): Sum64 run medians over %d processes: mean %.3f "
      "ns/op, CV %.2f %%: %s" % (len(meds), m, 100 * cv,
                                 " ".join("%.2f" % x for x in meds)))
EOF

# ---- Stability on its own: N processes measuring only Sum64 -------------
i=1
while [ "$i" -le "$N" ]; do
	"$BIN" --format go --max-time "$MAXT" --filter '^Sum64$' \
	    --out "$tmp/s$i.txt"
	i=$((i + 1))
done
python3 - "$tmp" <<'EOF'
import statistics, sys, glob
meds = []
for f in sorted(glob.glob(sys.argv[1] + "/s*.txt")):
    v = [float(l.split()[2]) for l in open(f) if l.startswith("BenchmarkSum64")]
    meds.append(statistics.median(v))
m = statistics.mean(meds)
print("STAB: Sum64 run medians over %d processes: mean %.3f ns/op, CV %.2f %%:"
      " %s" % (len(meds), m, 100 * statistics.stdev(meds) / m,
               " ".join("%.2f" % x for x in meds)))
EOF

# ---- A/B: a 5 % slowdown of Chain/SLOW -----------------------------------
hits=0
r=1
while [ "$r" -le "$REPS" ]; do
	rm -f "$tmp"/x*.txt "$tmp"/y*.txt
	i=1
	while [ "$i" -le "$N" ]; do
		"$BIN" --format go --max-time "$MAXT" --filter "^Chain/$SLOW\$" \
		    --out "$tmp/x$i.txt"
		PWF_AA_SLOW=$SLOW "$BIN" --format go --max-time "$MAXT" \
		    --filter "^Chain/$SLOW\$" --out "$tmp/y$i.txt"
		i=$((i + 1))
	done
	set +e
	"$CMP" --runs on --threshold "$THR" --format csv $tmp/x*.txt -- \
	    $tmp/y*.txt > "$tmp/ab.csv"
	rc=$?
	set -e
	[ "$rc" -le 1 ] || { echo "aa_ab.sh: pwf-compare failed ($rc)"; exit 2; }
	delta=$(python3 -c 'import csv,sys
for r in csv.DictReader(open(sys.argv[1])):
    if r["unit"] == "ns/op": print("%+.2f%% [%+.2f%%, %+.2f%%] %s" % (100*float(r["delta"]), 100*float(r["delta_lo"]), 100*float(r["delta_hi"]), r["verdict"]))' "$tmp/ab.csv")
	echo "A/B rep $r: Chain/$SLOW change $delta"
	[ "$rc" -eq 1 ] && hits=$((hits + 1))
	r=$((r + 1))
done
echo "A/B: 5 % slowdown of Chain/$SLOW detected in $hits of $REPS repetitions ($N runs per side)"
echo "load after: $(uptime)"
echo "wall time: $(( $(date +%s) - start )) s"
