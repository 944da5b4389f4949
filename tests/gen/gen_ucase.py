#!/usr/bin/env python3
"""Generate src/ucase.h: the code point tables that decide what a
configuration key of the Go benchmark format may contain.

The rule (golang.org/design/14313-benchmark-format, and parseKeyValueLine
in golang.org/x/perf/benchfmt/reader.go, which benchstat uses): the key
begins with a lower-case character (unicode.IsLower) and contains no space
character (unicode.IsSpace) and no upper-case character (unicode.IsUpper).

What the Go functions test, from the Go sources (src/unicode/letter.go,
graphic.go, tables.go):
  * unicode.IsUpper(r) is membership of unicode.Upper, which is the table of
    general category Lu exactly; Other_Uppercase (the Roman numerals
    U+2160.., the circled letters U+24B6..) is not included;
  * unicode.IsLower(r) is membership of unicode.Lower = category Ll exactly
    (Other_Lowercase such as U+00AA and U+02B0 is not included);
  * unicode.IsSpace(r) is the White_Space property: in Latin-1 the list
    '\\t' '\\n' '\\v' '\\f' '\\r' ' ' U+0085 U+00A0, above it the
    White_Space table.

Source of the data: Python's unicodedata module (its version is written
into the header).  unicodedata has no White_Space property; since Unicode
6.3 (U+180E left Zs) White_Space is exactly the categories Zs, Zl and Zp
plus the controls U+0009..U+000D and U+0085, so the set is derived that way
and checked against the list in PropList.txt, which is also the list that
space_len() in src/benchfmt.c implements.  A Unicode version that changes it
stops this script.

Go's own tables follow the Unicode version of each Go release, which may be
older or newer than the one here; the two answers differ only for code
points assigned or recategorized between those versions.

Each table is a sorted list of ranges (lo, hi, stride): the code points lo,
lo + stride, ..., hi, with no other member of the set between lo and hi, so
the spans are disjoint and a binary search on lo finds the only candidate.
The ranges are the fewest that cover the set (a shortest-path choice over
the sorted code points), which keeps the alternating upper/lower blocks
(U+0100..U+017F, U+1E00..U+1EFF, ...) at one range each.

Two more tables give the display width of a code point for the text
tables pwf-compare prints (pwf__utf8_width() in src/benchfmt.c), as Markus
Kuhn's wcwidth() and the C libraries that follow it count columns: East
Asian Width W or F takes two columns; the nonspacing and enclosing marks
(Mn, Me), the format characters (Cf) except U+00AD SOFT HYPHEN, and the
Hangul medial vowels and final consonants U+1160..U+11FF take none; the
rest one.

Run: python3 tests/gen/gen_ucase.py > src/ucase.h
"""
import sys
import unicodedata

MAX = 0x110000

# PropList.txt White_Space (unchanged since Unicode 6.3).
WHITE_SPACE = (list(range(0x09, 0x0E)) +
               [0x20, 0x85, 0xA0, 0x1680] + list(range(0x2000, 0x200B)) +
               [0x2028, 0x2029, 0x202F, 0x205F, 0x3000])


def category_set(cat):
    return [c for c in range(MAX) if unicodedata.category(chr(c)) == cat]


def white_space():
    z = [c for c in range(MAX)
         if unicodedata.category(chr(c)) in ("Zs", "Zl", "Zp")]
    s = sorted(set(z) | set(range(0x09, 0x0E)) | {0x85})
    if s != WHITE_SPACE:
        sys.exit("gen_ucase.py: Zs+Zl+Zp+controls is no longer the "
                 "White_Space of PropList.txt; check the data and "
                 "space_len() in src/benchfmt.c")
    return s


# EastAsianWidth.txt: unassigned code points in these blocks default to W.
WIDE_DEFAULT = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
                (0x20000, 0x2FFFD), (0x30000, 0x3FFFD))


def wide():
    """East Asian Width W or F.  unicodedata answers "F" for unassigned
    code points (Cn), so those count only inside the blocks whose
    unassigned code points EastAsianWidth.txt makes W by default."""
    def is_wide(c):
        ch = chr(c)
        if unicodedata.category(ch) == "Cn":
            return any(lo <= c <= hi for lo, hi in WIDE_DEFAULT)
        return unicodedata.east_asian_width(ch) in ("W", "F")
    return [c for c in range(MAX) if is_wide(c)]


def zero_width():
    return [c for c in range(MAX)
            if (unicodedata.category(chr(c)) in ("Mn", "Me", "Cf") and
                c != 0xAD) or 0x1160 <= c <= 0x11FF]


def fewest_ranges(p):
    """The fewest (lo, hi, stride) ranges of consecutive members of the
    sorted list p with a constant step.  Covering a suffix of p never needs
    more ranges than covering a longer one (drop the first member from the
    range that holds it), so a range starting at p[i] is best taken to the
    end of the constant-step run from p[i]: one pass from the right."""
    n = len(p)
    ext = [0] * n          # ext[i]: last index of the run from i
    for i in range(n - 1, -1, -1):
        if i + 1 == n:
            ext[i] = i
        elif i + 2 < n and p[i + 2] - p[i + 1] == p[i + 1] - p[i]:
            ext[i] = ext[i + 1]
        else:
            ext[i] = i + 1
    out, i = [], 0
    while i < n:
        j = ext[i]
        out.append((p[i], p[j], (p[j] - p[i]) // (j - i) if j > i else 1))
        i = j + 1
    return out


def check(ranges, members):
    got = set()
    for lo, hi, stride in ranges:
        assert (hi - lo) % stride == 0
        got.update(range(lo, hi + 1, stride))
    assert got == set(members)
    for a, b in zip(ranges, ranges[1:]):
        assert a[1] < b[0]


def emit(name, what, ranges, count):
    print()
    print("/* %s: %d code points in %d ranges. */" % (what, count,
                                                     len(ranges)))
    print("static const struct pwf__urange %s[%d] = {" % (name, len(ranges)))
    for lo, hi, stride in ranges:
        print("\t{ 0x%05X, 0x%05X, %5d }," % (lo, hi, stride))
    print("};")


def main():
    ver = unicodedata.unidata_version
    py = "%d.%d" % sys.version_info[:2]
    tables = [
        ("pwf__uupper", "General category Lu (unicode.IsUpper)",
         category_set("Lu")),
        ("pwf__ulower", "General category Ll (unicode.IsLower)",
         category_set("Ll")),
        ("pwf__uspace", "White_Space (unicode.IsSpace)", white_space()),
        ("pwf__uwide", "East Asian Width W or F (two columns)", wide()),
        ("pwf__uzero", "Mn, Me, Cf but U+00AD, U+1160..U+11FF (no column)",
         zero_width()),
    ]
    print("/* ucase.h -- generated by tests/gen/gen_ucase.py; do not edit.")
    print(" * Unicode %s (unicodedata.unidata_version of Python %s)."
          % (ver, py))
    print(" * Regenerate: python3 tests/gen/gen_ucase.py > src/ucase.h")
    print(" *")
    print(" * The sets that decide a configuration key of the Go benchmark")
    print(" * format (see key_ok() in benchfmt.c): Lu is what Go's")
    print(" * unicode.IsUpper tests and Ll what unicode.IsLower tests (the")
    print(" * categories alone, not Other_Uppercase/Other_Lowercase), and")
    print(" * White_Space what unicode.IsSpace tests.  Go's tables follow the")
    print(" * Unicode version of each Go release, which may be older or newer")
    print(" * than this one.  pwf__uwide and pwf__uzero give the display")
    print(" * width of a code point in pwf-compare's text tables, as")
    print(" * wcwidth() counts columns.  Internal; never installed. */")
    print("#ifndef PWF_UCASE_H")
    print("#define PWF_UCASE_H")
    print()
    print("#include <stdint.h>")
    print()
    print("/* The code points lo, lo + stride, ..., hi; no other member of the")
    print(" * set lies between lo and hi, so the ranges of a table are sorted")
    print(" * and disjoint. */")
    print("struct pwf__urange {")
    print("\tuint32_t lo;")
    print("\tuint32_t hi;")
    print("\tuint32_t stride;")
    print("};")
    for name, what, members in tables:
        ranges = fewest_ranges(members)
        check(ranges, members)
        emit(name, what, ranges, len(members))
    print()
    print("#endif /* PWF_UCASE_H */")


main()
