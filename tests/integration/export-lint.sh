#!/bin/sh
# export-lint.sh -- every text exposition libperfwf writes passes the real
# parsers: `promtool check metrics` (Prometheus text 0.0.4; exit 0 and no
# lint output) and the strict OpenMetrics 1.0 parser of the Python
# prometheus_client.  Run by `make check-integration` with O set.
. tests/integration/export-common.inc

om_check() { # FILE: strict OpenMetrics parse; prints a summary line
  /usr/bin/python3 - "$1" <<'PY'
import sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families
fams = list(text_string_to_metric_families(open(sys.argv[1], encoding="utf-8").read()))
assert fams, "no families"
for f in fams:
    assert f.type == "histogram", f.type
print("openmetrics: %d families, %d samples" % (len(fams), sum(len(f.samples) for f in fams)))
PY
}

sample prom >"$tmp/sample.prom"
sample om >"$tmp/sample.om"
start_service --threads 2 --requests 3000 --rate 0
wait_count 3000
fetch /metrics >"$tmp/service.prom"
fetch /metrics "application/openmetrics-text; version=1.0.0; charset=utf-8" >"$tmp/service.om"
grep -q '^# EOF$' "$tmp/service.om" || fail "service: no OpenMetrics from negotiation"

if command -v promtool >/dev/null 2>&1; then
  for f in sample.prom service.prom; do
    set +e
    out=$(promtool check metrics <"$tmp/$f" 2>&1)
    rc=$?
    set -e
    if [ $rc -ne 0 ] || [ -n "$out" ]; then
      fail "promtool check metrics $f: exit $rc: $out"
    else
      echo "ok promtool check metrics $f"
    fi
  done
else
  skip "promtool not installed (Debian package prometheus)"
fi

if /usr/bin/python3 -c 'import prometheus_client.openmetrics.parser' 2>/dev/null; then
  for f in sample.om service.om; do
    if out=$(om_check "$tmp/$f" 2>&1); then
      echo "ok $f $out"
    else
      fail "OpenMetrics parse of $f: $out"
    fi
  done
else
  skip "python3-prometheus-client not installed"
fi
[ $fails -eq 0 ]
