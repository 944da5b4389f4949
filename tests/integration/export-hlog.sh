#!/bin/sh
# export-hlog.sh -- the .hlog written by pwf_export_hlog_header() and
# pwf_export_hlog_interval() is read back by HdrHistogram's own Java
# HistogramLogProcessor (libhdrhistogram-java): per-interval counts,
# medians, 90th percentiles and maxima agree with values computed here from
# the sample's data definition (tests/integration/export-sample.c).
# Without java the bytes are compared with tests/data/export_sample.hlog
# (golden, read back by the Java tools when it was made).
# Run by `make check-integration` with O set.
. tests/integration/export-common.inc

sample hlog >"$tmp/sample.hlog"
jar=/usr/share/java/hdrhistogram.jar
if ! command -v java >/dev/null 2>&1 || [ ! -f "$jar" ]; then
  skip "java or libhdrhistogram-java not installed: golden bytes only"
  cmp "$tmp/sample.hlog" tests/data/export_sample.hlog ||
    fail ".hlog differs from tests/data/export_sample.hlog"
  [ $fails -eq 0 ]
  exit
fi
# the tagged interval "b" is read only with -tag b
java -cp "$jar" org.HdrHistogram.HistogramLogProcessor -i "$tmp/sample.hlog" \
  -o "$tmp/untagged" -csv -outputValueUnitRatio 1 >/dev/null 2>&1
java -cp "$jar" org.HdrHistogram.HistogramLogProcessor -i "$tmp/sample.hlog" \
  -o "$tmp/tagged" -tag b -csv -outputValueUnitRatio 1 >/dev/null 2>&1
if out=$(/usr/bin/python3 - "$tmp/untagged" "$tmp/tagged" <<'PY'
import csv, math, sys

def exact(values, q):   # HdrHistogram's rank: ceil(q * count), at least 1
    v = sorted(values)
    return v[max(1, math.ceil(q * len(v))) - 1]

# the data of export-sample.c, in nanoseconds
h0 = [1000 + 3 * i * i for i in range(1, 5001)]
h1 = [250000 + (i % 97) * 1000 for i in range(1, 5001)]
h2 = [i % 50 * 400 for i in range(1, 5001) for _ in (0, 1)]
want = {sys.argv[1]: [h0, h2], sys.argv[2]: [h1]}
bad = 0
for path, hists in want.items():
    rows = [r for r in csv.reader(l for l in open(path) if not l.startswith("#"))][1:]
    if len(rows) != len(hists):
        print("%s: %d intervals, wanted %d" % (path, len(rows), len(hists)))
        bad += 1
        continue
    for row, h in zip(rows, hists):
        count, p50, p90, mx = int(row[1]), float(row[2]), float(row[3]), float(row[4])
        # bucket midpoints (0.135 %) then HdrHistogram's 3 digits (0.1 %)
        for name, got, ref in (("p50", p50, exact(h, 0.5)), ("p90", p90, exact(h, 0.9)),
                               ("max", mx, max(h))):
            if abs(got - ref) > 0.003 * ref:
                print("interval %s %s: Java %g, data %g" % (row[0], name, got, ref))
                bad += 1
        if count != len(h):
            print("interval %s: Java count %d, recorded %d" % (row[0], count, len(h)))
            bad += 1
print("hlog: %d intervals read back by HdrHistogram" % sum(map(len, want.values())))
sys.exit(bad != 0)
PY
); then
  echo "ok $out"
else
  fail "$out"
fi
[ $fails -eq 0 ]
