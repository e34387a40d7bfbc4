"""Writes Sources/SmartSpec/Registry/Data/hs-isic4-divisions.csv: the bridge from Harmonized System
product codes (6 digits, and 4-digit headings) to ISIC Rev. 4 divisions (= NACE Rev. 2 = OKVED2
divisions), with weights, so that export tables by product become activities.

Source: the World Bank WITS HS–ISIC Rev. 4 concordance as shipped by the R package concordance 2.1.0
(github.com/insongkim/concordance, commit 201c812e51f213d967d8701b6ed6398c79df4a04, MIT), exported to
CSV unchanged in ../shared/data/hs-isic4-concordance-wits/hs_isic4.csv (HS codes of all vintages
pooled, 24,279 rows).

The concordance is many-to-many. Weights (documented in Methodology/trade-bridge.md):
- an HS6 code is split equally over the distinct ISIC Rev. 4 classes (4-digit) it maps to, and the
  class shares are summed by division, so weight(h, d) = (classes of h in d) / (classes of h);
- a 4-digit HS heading is split as the equal-weighted mean of the weight vectors of the HS6 codes
  under it.
Rows without an ISIC class are dropped (a code with only such rows is not bridged).
Each code's weights sum to 1 (rounded to 6 decimals; the last division takes the remainder).
Divisions are written as SmartSpec's NACE-style codes (section letter and division: C26).
"""
import csv, os
from collections import defaultdict
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared", "data", "hs-isic4-concordance-wits")
OUT = os.path.join(HERE, "..", "Sources", "SmartSpec", "Registry", "Data", "hs-isic4-divisions.csv")

classes = defaultdict(set)     # hs6 -> {isic class}
section_of = {}
with open(os.path.join(SHARED, "hs_isic4.csv"), encoding="utf-8") as f:
    for r in csv.DictReader(f):
        if not r["ISIC4_4d"].strip():  # rows without an ISIC class (e.g. HS 0502, bristles): no mapping
            continue
        classes[r["HS_6d"]].add(r["ISIC4_4d"])
        section_of[r["ISIC4_2d"]] = r["ISIC4_1d"]

def hs6_weights(code):
    n = len(classes[code])
    w = defaultdict(Fraction)
    for c in classes[code]:
        w[c[:2]] += Fraction(1, n)
    return w

weights = {code: hs6_weights(code) for code in classes}
headings = defaultdict(list)
for code in classes:
    headings[code[:4]].append(code)
for heading, codes in headings.items():
    w = defaultdict(Fraction)
    for code in codes:
        for d, x in weights[code].items():
            w[d] += x / len(codes)
    weights[heading] = w

def rounded(w):
    divisions = sorted(w)
    out, total = [], 0.0
    for d in divisions[:-1]:
        x = round(float(w[d]), 6)
        out.append((d, x))
        total += x
    out.append((divisions[-1], round(1.0 - total, 6)))
    return out

with open(OUT, "w", encoding="utf-8", newline="") as f:
    wr = csv.writer(f, lineterminator="\n")
    wr.writerow(["hs", "division", "weight"])
    rows = 0
    for code in sorted(weights, key=lambda c: (len(c), c)):
        for d, x in rounded(weights[code]):
            wr.writerow([code, section_of[d] + d, f"{x:.6f}".rstrip("0").rstrip(".")])
            rows += 1
print(f"{len([c for c in weights if len(c) == 6])} HS6 codes, {len(headings)} headings, {rows} rows written to {OUT}")
