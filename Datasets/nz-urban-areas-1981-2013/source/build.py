"""Builds Datasets/nz-urban-areas-1981-2013 from the New Zealand census counts in source/raw, following
Davies & Maré's data preparation ("Relatedness, complexity and local growth", Regional Studies;
Motu working paper 19-01): see source/PROVENANCE.md. Usage: python3 build.py [OUT]

- census years after 1976: 1981, 1986, 1991, 1996, 2001, 2006, 2013;
- activities = industry × occupation (`<industry>.<occupation>`, e.g. AA111.6); an activity with
  fewer than 800 workers (summed over all urban areas) in any of those years is pooled into one
  residual activity `XX.0`;
- urban areas with at least 1,400 workers in every year (after pooling; areas are the 2013 urban
  areas, Auckland, Hamilton, Napier/Hastings and Wellington in their zones, as in the published files);
- suppressed cells (empty in the confidentialised counts) are zero.
"""
import csv, os, sys
from collections import defaultdict

here = os.path.dirname(os.path.abspath(__file__))
out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(here)
YEARS = {1981: "emp81", 1986: "emp86", 1991: "emp91", 1996: "emp96", 2001: "emp01", 2006: "emp06", 2013: "emp13"}

def table(name):
    with open(os.path.join(here, "raw", name), encoding="utf-8") as f:
        return list(csv.DictReader(f))

counts = defaultdict(float)          # (ua, ind, occ, year) -> workers
for r in table("employment_ua_industry_occupation_1976_2013.csv"):
    for year, column in YEARS.items():
        if r[column].strip():
            counts[(int(r["ua13"]), r["nzsioc_gp"], int(r["nzsco99_1d"]), year)] += float(r[column])
activity_total = defaultdict(float)
for (ua, ind, occ, year), n in counts.items():
    activity_total[(ind, occ, year)] += n
pairs = {(ind, occ) for (ind, occ, _) in activity_total}
kept = {p for p in pairs if min(activity_total.get((p[0], p[1], y), 0.0) for y in YEARS) >= 800}
pooled = defaultdict(float)          # (ua, activity, year) -> workers
for (ua, ind, occ, year), n in counts.items():
    activity = f"{ind}.{occ}" if (ind, occ) in kept else "XX.0"
    pooled[(ua, activity, year)] += n
area_total = defaultdict(float)
for (ua, _, year), n in pooled.items():
    area_total[(ua, year)] += n
areas = sorted({ua for (ua, _, _) in pooled if min(area_total.get((ua, y), 0.0) for y in YEARS) >= 1400})
activities = sorted({a for (_, a, _) in pooled})

names = {int(r["ua"]): r["ua_name"] for r in table("urban-areas.csv")}
industries = {r["ind"]: r["ind_name"] for r in table("industries.csv")}
occupations = {int(r["occ"]): r["occ_name"] for r in table("occupations.csv")}
fmt = lambda x: str(int(x)) if float(x).is_integer() else repr(x)
q = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

with open(os.path.join(out, "regions.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["code", "name", "country"])
    for ua in areas:
        w.writerow([ua, names[ua], "NZ"])
with open(os.path.join(out, "activities.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["region", "activity", "year", "value"])
    for year in YEARS:
        for ua in areas:
            for a in activities:
                n = pooled.get((ua, a, year), 0.0)
                if n > 0:
                    w.writerow([ua, a, year, fmt(n)])
with open(os.path.join(out, "activities.yaml"), "w", encoding="utf-8") as f:
    f.write('classification: "NZSIOC 2013 industry groups × NZSCO 1999 one-digit occupations (Davies & Maré)"\nactivities:\n')
    for a in activities:
        ind, occ = a.split(".")
        label = "Residual: activities with fewer than 800 workers in some year" if a == "XX.0" else f"{industries[ind]} — {occupations[int(occ)]}"
        f.write(f"- code: {q(a)}\n  label: {q(label)}\n  group: {q(ind[:2])}\n")
with open(os.path.join(out, "indicators.yaml"), "w", encoding="utf-8") as f:
    f.write('indicators:\n  - {id: workers_2013, label: "Workers, 2013 census", label_ru: "Занятые, перепись 2013 г.", dimension: geo-demography, role: structural, direction: higher, transform: log, unit: "persons", source: "Statistics New Zealand census 2013 (confidentialised), as prepared by Davies & Maré"}\n')
with open(os.path.join(out, "indicators.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["code", "workers_2013"])
    for ua in areas:
        w.writerow([ua, fmt(area_total[(ua, 2013)])])
with open(os.path.join(out, "dataset.yaml"), "w", encoding="utf-8") as f:
    f.write('name: "nz-urban-areas-1981-2013"\n'
            f'description: "{len(areas)} New Zealand urban areas (2013 boundaries) × {len(activities)} activities (industry × occupation), workers at the censuses 1981–2013, prepared as Davies & Maré did (Regional Studies; Motu working paper 19-01)."\n'
            'source: "Statistics New Zealand census counts (confidentialised: random rounding to base 3, cells under 6 suppressed), via moturesearch/relatedness-complexity; see source/PROVENANCE.md"\n'
            'licence: "Counts: Statistics New Zealand census data released by the authors; repository MIT (Davies & Maré)"\n'
            "years: [1981, 1986, 1991, 1996, 2001, 2006, 2013]\n"
            "languages: [en]\n")
print(f"{len(areas)} urban areas, {len(activities)} activities ({len(pairs) - len(kept)} pooled into XX.0)")
