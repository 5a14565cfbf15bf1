#!/usr/bin/env python3
"""Scores the address parser on a case file (../shared/data/address/dev_cases.jsonl)
with the matching rules of that folder's README: NFKC and per-field
normalisation, `alt` values accepted, null fields not scored.

    score_dev_cases.py WEISHANG_BINARY CASES.jsonl [--min 0.95] [--show-failures]
                       [--tags]

Runs every case through one `weishang address parse --jsonl` process, prints
whole-record and per-field accuracy, and exits 1 when whole-record accuracy
is below --min.
"""
import argparse
import json
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict

FIELDS = ["name", "phone", "province", "city", "district", "detail", "postal_code"]
WS = re.compile(r"\s+", re.UNICODE)


def nfkc(v):
    return unicodedata.normalize("NFKC", "" if v is None else str(v))


def strip_punct_symbols(s):
    # \s\p{P}\p{S}: whitespace, every punctuation (P*) and symbol (S*) category.
    return "".join(c for c in s if not c.isspace() and unicodedata.category(c)[0] not in "PS")


def norm(field, v):
    s = nfkc(v)
    if field in ("province", "city", "district", "name"):
        return WS.sub("", s)
    if field == "detail":
        return strip_punct_symbols(s.lower())
    if field == "phone":
        d = re.sub(r"\D", "", s)
        if len(d) in (13, 15):
            for prefix in ("0086", "86"):
                rest = d[len(prefix):]
                if d.startswith(prefix) and len(rest) == 11 and rest.startswith("1"):
                    d = rest
                    break
        return d
    if field == "postal_code":
        return re.sub(r"\D", "", s)
    raise ValueError(field)


def correct(case, field, got):
    want = [case[field]] + list((case.get("alt") or {}).get(field, []))
    g = norm(field, got)
    return any(norm(field, w) == g for w in want)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("cases")
    ap.add_argument("--min", type=float, default=0.95)
    ap.add_argument("--show-failures", action="store_true")
    ap.add_argument("--tags", action="store_true", help="print accuracy per tag")
    args = ap.parse_args()

    cases = [json.loads(line) for line in open(args.cases, encoding="utf-8") if line.strip()]
    feed = "".join(json.dumps({"id": c["id"], "input": c["input"]}, ensure_ascii=False) + "\n"
                   for c in cases)
    run = subprocess.run([args.binary, "address", "parse", "--jsonl"], input=feed.encode(),
                         capture_output=True, check=False)
    if run.returncode != 0:
        sys.stderr.write(run.stderr.decode(errors="replace"))
        sys.exit(f"the parser exited with {run.returncode}")
    answers = {}
    for line in run.stdout.decode().splitlines():
        a = json.loads(line)
        answers[a["id"]] = a.get("address") or {f: "" for f in FIELDS}

    scored = defaultdict(int)
    right = defaultdict(int)
    whole = 0
    tag_total = defaultdict(int)
    tag_right = defaultdict(int)
    failures = []
    for c in cases:
        got = answers.get(c["id"], {})
        ok_all = True
        wrong = []
        for f in FIELDS:
            if c.get(f) is None:
                continue
            scored[f] += 1
            if correct(c, f, got.get(f, "")):
                right[f] += 1
            else:
                ok_all = False
                wrong.append(f)
        whole += ok_all
        for t in c.get("tags", []):
            tag_total[t] += 1
            tag_right[t] += ok_all
        if not ok_all:
            failures.append((c, got, wrong))

    n = len(cases)
    print(f"whole records: {whole}/{n} = {whole / n:.1%}")
    for f in FIELDS:
        print(f"  {f:12s} {right[f]}/{scored[f]} = {right[f] / max(scored[f], 1):.1%}")
    if args.tags:
        for t in sorted(tag_total, key=lambda t: tag_right[t] / tag_total[t]):
            print(f"  tag {t:28s} {tag_right[t]}/{tag_total[t]}")
    if args.show_failures:
        for c, got, wrong in failures:
            print(f"\n{c['id']} {c['input']!r}")
            for f in wrong:
                print(f"   {f}: got {got.get(f, '')!r} want {c[f]!r} alt {(c.get('alt') or {}).get(f)}")
            print(f"   uncertain: {got.get('uncertain')}")
    if whole / n < args.min:
        print(f"FAIL: whole-record accuracy {whole / n:.1%} is below {args.min:.0%}")
        sys.exit(1)


if __name__ == "__main__":
    main()
