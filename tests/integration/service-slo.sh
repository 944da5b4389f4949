#!/bin/sh
# service-slo.sh -- pwf-service's /slo (pwf_model_slo_hist over the live
# recorder snapshot): a threshold above every latency gives compliance 1
# and "met"; one below every latency gives 0 and "missed"; totals equal the
# requests recorded.
. tests/integration/export-common.inc

check() { # THRESHOLD WANT_VERDICT WANT_COMPLIANCE
  start_service --requests 3000 --threads 2 --slo-threshold "$1" --slo-target 0.99
  n=0
  while [ $n -lt 50 ]; do
    got=$(fetch /slo)
    case "$got" in *'"total":3000'*) break;; esac
    sleep 0.1; n=$((n + 1))
  done
  /usr/bin/python3 - "$got" "$2" "$3" <<'PY' || fail "/slo at $1: $got"
import json, sys
d = json.loads(sys.argv[1])
assert d["total"] == 3000, d
assert d["verdict"] == sys.argv[2], d
assert d["compliance"]["lo"] == d["compliance"]["hi"] == float(sys.argv[3]), d
assert d["good_lo"] == d["good_hi"] == int(3000 * float(sys.argv[3])), d
PY
  kill "$svc_pid"; wait "$svc_pid" 2>/dev/null || true
}
check 100s met 1
check 1ns missed 0
[ $fails -eq 0 ] && echo "ok /slo: exact compliance at both extremes, totals match"
exit $fails
