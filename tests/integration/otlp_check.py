#!/usr/bin/python3
"""otlp_check.py -- a strict receiver for OTLP/JSON metrics, written for the
export integration test.  It checks a body against the OTLP protobuf JSON
mapping (opentelemetry-proto metrics/v1, common/v1, resource/v1; proto3
JSON: lowerCamelCase keys, 64-bit integers as decimal strings, enums as
integers, no unknown fields) and the ExponentialHistogram data model
(count == zeroCount + all bucket counts, min <= max, scale in [-10, 20]).
With --buckets FILE (the /json body of the same histogram) it also checks
that scale and offsets put each count into the bucket bounds the library
reports.  Usage: otlp_check.py BODY.json [--buckets JSON]"""
import json
import math
import re
import sys

CAMEL = re.compile(r"^[a-z][a-zA-Z0-9]*$")
errors = []


def err(path, msg):
    errors.append("%s: %s" % (path, msg))


def keys(obj, path, allowed, required=()):
    if not isinstance(obj, dict):
        err(path, "not an object")
        return False
    for k in obj:
        if not CAMEL.match(k):
            err(path, "key %r is not lowerCamelCase" % k)
        if k not in allowed:
            err(path, "unknown field %r" % k)
    for k in required:
        if k not in obj:
            err(path, "missing %r" % k)
    return True


def u64(v, path):
    if not (isinstance(v, str) and re.fullmatch(r"0|[1-9][0-9]*", v)
            and int(v) < 2**64):
        err(path, "64-bit integer must be a decimal string, got %r" % (v,))
        return 0
    return int(v)


def integer(v, path, lo, hi):
    if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
        err(path, "expected an integer in [%d, %d], got %r" % (lo, hi, v))
        return 0
    return v


def double(v, path):
    if isinstance(v, bool) or not isinstance(v, (int, float)) or \
            not math.isfinite(v):
        err(path, "expected a finite number, got %r" % (v,))
        return 0.0
    return float(v)


def anyvalue(v, path):
    one = ("stringValue", "boolValue", "intValue", "doubleValue",
           "arrayValue", "kvlistValue", "bytesValue")
    if keys(v, path, one) and len(v) != 1:
        err(path, "AnyValue must hold exactly one value")
    if "stringValue" in v and not isinstance(v["stringValue"], str):
        err(path, "stringValue not a string")
    if "intValue" in v:
        if not re.fullmatch(r"-?[0-9]+", str(v["intValue"])) or \
                not isinstance(v["intValue"], str):
            err(path, "intValue must be a decimal string")


def attributes(a, path):
    if not isinstance(a, list):
        err(path, "attributes not a list")
        return
    seen = set()
    for i, kv in enumerate(a):
        p = "%s[%d]" % (path, i)
        keys(kv, p, ("key", "value"), ("key", "value"))
        if kv.get("key") in seen:
            err(p, "duplicate attribute key")
        seen.add(kv.get("key"))
        anyvalue(kv.get("value", {}), p + ".value")


def buckets(b, path):
    keys(b, path, ("offset", "bucketCounts"))
    integer(b.get("offset", 0), path + ".offset", -2**31, 2**31 - 1)
    counts = b.get("bucketCounts", [])
    if not isinstance(counts, list):
        err(path, "bucketCounts not a list")
        return 0, []
    c = [u64(x, "%s.bucketCounts[%d]" % (path, i)) for i, x in enumerate(counts)]
    return b.get("offset", 0), c


def point(dp, path, pts):
    keys(dp, path, ("attributes", "startTimeUnixNano", "timeUnixNano",
                    "count", "sum", "scale", "zeroCount", "positive",
                    "negative", "flags", "exemplars", "min", "max",
                    "zeroThreshold"), ("timeUnixNano", "count", "scale"))
    attributes(dp.get("attributes", []), path + ".attributes")
    if "startTimeUnixNano" in dp:
        start = u64(dp["startTimeUnixNano"], path + ".startTimeUnixNano")
        if start > u64(dp["timeUnixNano"], path + ".timeUnixNano"):
            err(path, "startTimeUnixNano after timeUnixNano")
    u64(dp.get("timeUnixNano"), path + ".timeUnixNano")
    count = u64(dp.get("count"), path + ".count")
    zero = u64(dp.get("zeroCount", "0"), path + ".zeroCount")
    scale = integer(dp.get("scale"), path + ".scale", -10, 20)
    pos = buckets(dp.get("positive", {}), path + ".positive")
    neg = buckets(dp.get("negative", {}), path + ".negative")
    if count != zero + sum(pos[1]) + sum(neg[1]):
        err(path, "count %d != zeroCount %d + bucket counts %d"
            % (count, zero, sum(pos[1]) + sum(neg[1])))
    for k in ("sum", "min", "max", "zeroThreshold"):
        if k in dp:
            double(dp[k], path + "." + k)
    if count > 0 and "min" in dp and "max" in dp and dp["min"] > dp["max"]:
        err(path, "min > max")
    if count == 0 and ("min" in dp or "max" in dp):
        err(path, "min/max on an empty point")
    if "flags" in dp:
        integer(dp["flags"], path + ".flags", 0, 2**32 - 1)
    pts.append((scale, zero, pos, neg, count))


def check(body):
    pts = []
    keys(body, "$", ("resourceMetrics",), ("resourceMetrics",))
    for i, rm in enumerate(body.get("resourceMetrics", [])):
        p = "$.resourceMetrics[%d]" % i
        keys(rm, p, ("resource", "scopeMetrics", "schemaUrl"), ("scopeMetrics",))
        if "resource" in rm:
            keys(rm["resource"], p + ".resource",
                 ("attributes", "droppedAttributesCount"))
            attributes(rm["resource"].get("attributes", []),
                       p + ".resource.attributes")
        for j, sm in enumerate(rm.get("scopeMetrics", [])):
            q = "%s.scopeMetrics[%d]" % (p, j)
            keys(sm, q, ("scope", "metrics", "schemaUrl"), ("metrics",))
            if "scope" in sm:
                keys(sm["scope"], q + ".scope", ("name", "version",
                     "attributes", "droppedAttributesCount"))
            for k, m in enumerate(sm.get("metrics", [])):
                r = "%s.metrics[%d]" % (q, k)
                keys(m, r, ("name", "description", "unit", "gauge", "sum",
                            "histogram", "exponentialHistogram", "summary",
                            "metadata"), ("name",))
                data = [x for x in ("gauge", "sum", "histogram",
                        "exponentialHistogram", "summary") if x in m]
                if data != ["exponentialHistogram"]:
                    err(r, "expected exactly one exponentialHistogram")
                    continue
                eh = m["exponentialHistogram"]
                keys(eh, r + ".exponentialHistogram",
                     ("dataPoints", "aggregationTemporality"),
                     ("dataPoints", "aggregationTemporality"))
                integer(eh.get("aggregationTemporality"),
                        r + ".aggregationTemporality", 1, 2)
                for n, dp in enumerate(eh.get("dataPoints", [])):
                    point(dp, "%s.dataPoints[%d]" % (r, n), pts)
    return pts


def compare_buckets(pt, ref):
    """Every positive OTLP bucket (b^i, b^(i+1)], b = 2^(2^-scale), holds
    the count the library's /json reports for the same bounds."""
    scale, zero, pos, neg, count = pt
    if count != ref["count"]:
        err("buckets", "count %d != /json count %d" % (count, ref["count"]))
    want = {}
    for lo, hi, c in ref["buckets"]:
        if lo > 0:
            want[round(math.log2(hi) * 2**scale)] = (hi, c)
    got = {pos[0] + k + 1: c for k, c in enumerate(pos[1]) if c}
    if sorted(got) != sorted(want):
        err("buckets", "bucket indices differ from /json")
        return
    for k, c in got.items():
        hi, wc = want[k]
        if c != wc or abs(2 ** (k / 2**scale) - hi) > 1e-12 * hi:
            err("buckets", "bucket %d: count %d upper %r, /json %d %r"
                % (k, c, 2 ** (k / 2**scale), wc, hi))


def main():
    body = json.load(open(sys.argv[1], encoding="utf-8"))
    pts = check(body)
    if not pts:
        err("$", "no data points")
    if len(sys.argv) == 4 and sys.argv[2] == "--buckets":
        compare_buckets(pts[0], json.load(open(sys.argv[3])))
    for e in errors:
        print(e)
    if errors:
        sys.exit(1)
    print("otlp: %d data points valid" % len(pts))


main()
