"""Compares `smartspec complexity --method davies-mare` on Datasets/nz-urban-areas-1981-2013 with Davies &
Maré's published results (../shared/data/nz-urban-areas-motu/published-results): activity complexity
(activities.csv), city complexity (cities.csv), city-pair relatedness (city-pairs.csv) for every census
year, and the 2013 smart-specialisation table of every city (smart-specialisation/<city>.csv: the
activities a city under-represents, location quotient < 1, with size, mean local relatedness and
activity complexity, rounded by the authors to 2 decimals).
Usage: python3 davies_mare_published.py DATASET SMARTSPEC PUBLISHED_DIR
Prints a Markdown table and exits 1 when activity complexity correlates below 0.9999 in any year,
or a smart-specialisation value differs by more than the authors' rounding."""
import csv, io, json, os, subprocess, sys, tempfile
import numpy as np

dataset, smartspec, published = sys.argv[1:4]
YEARS = [1981, 1986, 1991, 1996, 2001, 2006, 2013]
read = lambda path: list(csv.DictReader(open(path, encoding="utf-8")))
pub_act, pub_city, pub_pairs = (read(os.path.join(published, f)) for f in ("activities.csv", "cities.csv", "city-pairs.csv"))
failures = []
print("| year | activities: max abs diff | corr | cities: max abs diff | corr | city pairs: max abs diff |")
print("|---|---|---|---|---|---|")
results = {}
for year in YEARS:
    tmp = tempfile.mkdtemp()
    rel, cells = os.path.join(tmp, "rel.csv"), os.path.join(tmp, "cells.csv")
    out = subprocess.run([smartspec, "complexity", "--dataset", dataset, "--method", "davies-mare", "--year", str(year),
                          "--format", "json", "--write-relatedness", rel, "--write-cells", cells], check=True, capture_output=True, text=True).stdout
    doc = json.loads(out)
    results[year] = (doc, cells)
    act = {a["code"]: a["complexity"] for a in doc["activities"]}
    city = {r["code"]: r["complexity"] for r in doc["regions"]}
    p = {r["act"]: float(r["act_complexity"]) for r in pub_act if int(r["year"]) == year}
    q = {r["ua"]: float(r["ua_complexity"]) for r in pub_city if int(r["year"]) == year}
    assert set(p) == set(act) and set(q) == set(city), f"{year}: the activities or cities differ from the published ones"
    a, b = np.array([act[k] for k in sorted(p)]), np.array([p[k] for k in sorted(p)])
    c, d = np.array([city[k] for k in sorted(q)]), np.array([q[k] for k in sorted(q)])
    pairs = {(r["code_1"], r["code_2"]): float(r["relatedness"]) for r in csv.DictReader(open(rel)) if r["kind"] == "region"}
    pair_diff = max(abs(pairs[(r["ua_1"], r["ua_2"])] - float(r["relatedness"])) for r in pub_pairs if int(r["year"]) == year)
    corr_a, corr_c = np.corrcoef(a, b)[0, 1], np.corrcoef(c, d)[0, 1]
    print(f"| {year} | {abs(a - b).max():.1e} | {corr_a:.12f} | {abs(c - d).max():.1e} | {corr_c:.12f} | {pair_diff:.1e} |")
    if corr_a < 0.9999:
        failures.append(f"{year}: activity complexity correlation {corr_a}")

# Smart-specialisation tables, 2013.
doc, cells_file = results[2013]
occupations = {r["occ_name"]: r["occ"] for r in read(os.path.join(dataset, "source", "raw", "occupations.csv"))}
regions = {r["name"].lower().strip().replace(" ", "-"): r["code"] for r in read(os.path.join(dataset, "regions.csv"))}
complexity = {a["code"]: a["complexity"] for a in doc["activities"]}
size = {a["code"]: a["size"] for a in doc["activities"]}
total = sum(size.values())
cells = {(r["region"], r["activity"]): r for r in csv.DictReader(open(cells_file))}
region_size = {r["code"]: r["size"] for r in doc["regions"]}
folder = os.path.join(published, "smart-specialisation")
rows = worst_mlr = worst_comp = 0
set_mismatch = []
for name in sorted(os.listdir(folder)):
    ua = regions[name[:-4]]
    theirs = {f'{r["ind"]}.{occupations[r["occ_name"]]}': r for r in read(os.path.join(folder, name))}
    ours = set()
    for (region, activity), cell in cells.items():
        if region != ua or activity == "XX.0":
            continue
        lq = float(cell["employment"]) / region_size[ua] / (size[activity] / total)
        if lq < 1 and float(cell["employment"]) > 0:
            ours.add(activity)
    extra_theirs = set(theirs) - ours
    if ours - set(theirs) or extra_theirs - {k for k in theirs if float(theirs[k]["size"] or 0) == 0}:
        set_mismatch.append(name)
    for activity, r in theirs.items():
        cell = cells[(ua, activity)]
        rows += 1
        if r["size"] not in ("", "NA") and abs(float(cell["employment"]) - float(r["size"])) > 0.5:
            failures.append(f"{name} {activity}: size {cell['employment']} vs {r['size']}")
        worst_mlr = max(worst_mlr, abs(round(float(cell["mean_local_relatedness"]), 2) - float(r["mean_local_relatedness"])))
        worst_comp = max(worst_comp, abs(round(complexity[activity], 2) - float(r["act_complexity"])))
print()
print(f"Smart-specialisation tables 2013: {len(os.listdir(folder))} cities, {rows} rows; after rounding to 2 decimals as the authors did, "
      f"the largest difference is {worst_mlr:.2f} in mean local relatedness and {worst_comp:.2f} in activity complexity; "
      f"cities whose listed activities differ from ours (LQ < 1, employment > 0): {len(set_mismatch)}")
if worst_mlr > 0.0100001 or worst_comp > 0.0100001 or set_mismatch:
    failures.append(f"smart-specialisation: mlr {worst_mlr}, complexity {worst_comp}, sets {set_mismatch[:3]}")
for f in failures:
    print("FAIL", f)
sys.exit(1 if failures else 0)
