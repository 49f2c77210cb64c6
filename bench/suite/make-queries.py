#!/usr/bin/env python3
"""Writes R1-R5 of the reference suite (../shared/bench/SUITE.md) as plotgate queries.

The data comes from the suite's own module (suite.py dump); values are rounded to 2 decimals
(0.01 of the axis range is far below a pixel). Run from the repo root:
    python3 ../shared/bench/suite/suite.py dump | python3 bench/suite/make-queries.py
"""
import json
import sys
from urllib.parse import quote

d = json.load(sys.stdin)


def nums(values):
    return ",".join(("%.2f" % v).rstrip("0").rstrip(".") for v in values)


def q(text):
    return quote(text, safe="")


queries = {
    "R1": "type=line&w=600&h=400&title=" + q("R1 line: three series") + "&xlabel=sample&ylabel=value"
          "&xmin=0&xmax=200&ymin=0&ymax=100&grid=xy&names=alpha|beta|gamma&d="
          + "|".join(nums(s) for s in d["R1"]),
    "R2": "type=bar&w=600&h=400&title=" + q("R2 bar: monthly totals") + "&ylabel=units&ymin=0&ymax=80"
          "&names=2023|2024&labels=Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec&d="
          + "|".join(nums(s) for s in d["R2"]),
    "R3": "type=spark&w=120&h=30&d=" + nums(d["R3"]),
    "R4": "type=pie&w=400&h=400&labels=" + "|".join(n for n, _ in d["R4"]) + "&d=" + nums(v for _, v in d["R4"]),
    "R5": "type=scatter&w=800&h=600&xlabel=x&ylabel=y&xmin=0&xmax=100&ymin=0&ymax=100&grid=none"
          "&x=" + nums(d["R5"][0]) + "&d=" + nums(d["R5"][1]),
}
for name, query in queries.items():
    with open("bench/suite/%s.query" % name, "w") as f:
        f.write(query + "\n")
    print(name, len(query), "bytes")
