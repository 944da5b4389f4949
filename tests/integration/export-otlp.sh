#!/bin/sh
# export-otlp.sh -- OTLP/JSON from pwf_export_otlp_json() (the sample with
# negative values, an empty histogram and a power-of-two unit factor; and
# pwf-service's /otlp) checked by a strict receiver written for this test
# (otlp_check.py: the OTLP protobuf JSON mapping and the
# ExponentialHistogram data model); the service's buckets are compared with
# the library's own /json bucket bounds.  Run by `make check-integration`.
. tests/integration/export-common.inc

sample otlp >"$tmp/sample.json"
if out=$(/usr/bin/python3 tests/integration/otlp_check.py "$tmp/sample.json"); then
  echo "ok sample $out"
else
  fail "sample OTLP/JSON: $out"
fi
start_service --threads 2 --requests 5000 --rate 0
wait_count 5000
fetch /otlp >"$tmp/service.json"
fetch /json >"$tmp/service.buckets"
if out=$(/usr/bin/python3 tests/integration/otlp_check.py "$tmp/service.json" \
    --buckets "$tmp/service.buckets"); then
  echo "ok service $out"
else
  fail "service OTLP/JSON: $out"
fi
[ $fails -eq 0 ]
