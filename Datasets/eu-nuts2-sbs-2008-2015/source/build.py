"""Builds Datasets/eu-nuts2-sbs-2008-2015 from Eurostat's Structural Business Statistics table
sbs_r_nuts06_r2 (copied in source/raw) and the NUTS-2 names in source/raw/nuts2_names.csv.

Regions: the NUTS-2 codes of the table that have an official name in nuts2_names.csv (Eurostat's
NUTS 2013/2016 labels); older codes the table also carries (NUTS 2010 and earlier: DE41, EL11…,
ITD1…, UKI1…, 35 in all) have none there and are left out. Aggregates (countries, NUTS-1) and
extra-regio codes (…Z) are not regions.
Activities: persons employed (V16110) by NACE Rev. 2 division (B05 … S95), 2008 and 2015; cells
Eurostat marks confidential (`: c`) or missing are left out.
Indicators (2015): persons employed in the business economy (the sum of the sections B–N without
K that Eurostat publishes for the region, at least 8 of the 12), shares of manufacturing (C), of trade (G) and of knowledge-intensive services (J, M),
persons employed per local unit (V11210), and wages and salaries per person employed (V13320).
Usage: python3 source/build.py [OUT]   (default OUT: the dataset's folder)
"""
import csv, gzip, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
# Division names (English and Russian) from SmartSpec's OKVED2 = NACE Rev. 2 registry.
DIVISIONS = {r["code"]: r for r in __import__("csv").DictReader(open(os.path.join(HERE, "..", "..", "..", "Sources", "SmartSpec", "Registry", "Data",
                                                                                 "okved2-divisions.csv"), encoding="utf-8"))}
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(HERE)
RAW = os.path.join(HERE, "raw")
YEARS = ("2008", "2015")
SECTIONS = ["B", "C", "D", "E", "F", "G", "H", "I", "J", "L", "M", "N"]

names = {r["NUTS_ID"]: r["NAME_LATN"] for r in csv.DictReader(open(os.path.join(RAW, "nuts2_names.csv"), encoding="utf-8"))}
cells = {}  # (indicator, nace, geo, year) -> value
with gzip.open(os.path.join(RAW, "sbs_r_nuts06_r2.tsv.gz"), "rt", encoding="utf-8") as f:
    header = [h.strip() for h in f.readline().rstrip("\n").split("\t")]
    years = header[1:]
    for line in f:
        parts = line.rstrip("\n").split("\t")
        nace, indicator, geo = parts[0].split(",")
        if len(geo) != 4 or geo.endswith("Z") or geo not in names or indicator not in ("V16110", "V11210", "V13320"):
            continue
        for year, raw in zip(years, parts[1:]):
            text = raw.strip().split(" ")[0]
            if text in (":", ""):
                continue
            cells[(indicator, nace, geo, year)] = float(text)

regions = sorted({g for (_, _, g, _) in cells})
divisions = sorted({n for (i, n, _, y) in cells if i == "V16110" and len(n) == 3 and n[0].isalpha() and n[1:].isdigit() and y in YEARS})

def fmt(x):
    if x is None:
        return ""
    r = float(f"{x:.12g}")
    return str(int(r)) if r == int(r) and abs(r) < 1e15 else repr(r)

def section_sum(indicator, geo, year, sections):
    """The sum over the sections Eurostat publishes for the region (confidential ones are left
    out); missing when fewer than 8 of the 12 are published."""
    values = [v for v in (cells.get((indicator, s, geo, year)) for s in sections) if v is not None]
    return sum(values) if len(values) >= 8 else None

def ratio(a, b, scale=1.0):
    return None if a is None or b is None or b == 0 else scale * a / b

rows = []
for geo in regions:
    employed = section_sum("V16110", geo, "2015", SECTIONS)
    units = section_sum("V11210", geo, "2015", SECTIONS)
    wages = section_sum("V13320", geo, "2015", SECTIONS)
    get = lambda s: cells.get(("V16110", s, geo, "2015"))
    rows.append([geo, employed, ratio(get("C"), employed, 100), ratio(get("G"), employed, 100),
                 ratio(None if get("J") is None or get("M") is None else get("J") + get("M"), employed, 100),
                 ratio(employed, units), ratio(wages, employed, 1000)])
# A region is kept when it has its structure (at least 3 of the 5 structural indicators) and
# activity values in both years.
both = {g for g in regions if all(any(cells.get(("V16110", d, g, y)) is not None for d in divisions) for y in YEARS)}
keep = [r for r in rows if sum(v is not None for v in r[1:6]) >= 3 and r[0] in both]
regions = [r[0] for r in keep]
os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "regions.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["code", "name", "country", "level"])
    for geo in regions:
        w.writerow([geo, names[geo], geo[:2], 2])
with open(os.path.join(OUT, "indicators.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["code", "persons_employed", "manufacturing_share", "trade_share", "kis_share", "persons_per_local_unit", "wages_per_person"])
    for r in keep:
        w.writerow([r[0]] + [fmt(v) for v in r[1:]])
with open(os.path.join(OUT, "indicators.yaml"), "w", encoding="utf-8") as f:
    f.write("""indicators:
  - {id: persons_employed, label: "Persons employed in the business economy (published sections of B-N without K), 2015", dimension: geo-demography, role: structural, unit: persons, transform: log, source: "Eurostat sbs_r_nuts06_r2"}
  - {id: manufacturing_share, label: "Manufacturing, % of persons employed, 2015", dimension: economic-structure, role: structural, unit: "%", source: "Eurostat sbs_r_nuts06_r2"}
  - {id: trade_share, label: "Wholesale and retail trade, % of persons employed, 2015", dimension: economic-structure, role: structural, unit: "%", source: "Eurostat sbs_r_nuts06_r2"}
  - {id: kis_share, label: "Information, communication and professional services (J, M), % of persons employed, 2015", dimension: economic-structure, role: structural, unit: "%", source: "Eurostat sbs_r_nuts06_r2"}
  - {id: persons_per_local_unit, label: "Persons employed per local unit, 2015", dimension: firm-structure, role: structural, unit: persons, transform: log, source: "Eurostat sbs_r_nuts06_r2"}
  - {id: wages_per_person, label: "Wages and salaries per person employed, 2015", dimension: economy, role: performance, unit: "EUR thousand", source: "Eurostat sbs_r_nuts06_r2"}
""")
with open(os.path.join(OUT, "activities.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["region", "activity", "year", "value"])
    kept = set(regions)
    for year in YEARS:
        for geo in regions:
            for d in divisions:
                v = cells.get(("V16110", d, geo, year))
                if v is not None and geo in kept:
                    w.writerow([geo, d, year, fmt(v)])
with open(os.path.join(OUT, "activities.yaml"), "w", encoding="utf-8") as f:
    f.write('classification: "NACE Rev. 2 divisions (Eurostat SBS, persons employed)"\nactivities:\n')
    for d in divisions:
        name = DIVISIONS.get(d[1:])
        label = name["name_en"] if name else f"NACE Rev. 2 division {d[1:]}"
        label_ru = f'\n  label_ru: "{name["name_ru"]}"' if name else ""
        f.write(f'- code: "{d}"\n  label: "{label}"{label_ru}\n  group: "{d[0]}"\n')
with open(os.path.join(OUT, "dataset.yaml"), "w", encoding="utf-8") as f:
    f.write('name: "eu-nuts2-sbs-2008-2015"\n'
            'description: "EU NUTS-2 regions: persons employed by NACE Rev. 2 division in 2008 and 2015 (a panel for backtests), with 2015 structure and wages."\n'
            'source: "Eurostat, Structural Business Statistics, sbs_r_nuts06_r2 (NUTS 2013; bulk download about 2017, via kproductivity/creative-industries, Apache-2.0); names: Eurostat NUTS labels; see source/PROVENANCE.md"\n'
            'licence: "Eurostat: reuse with acknowledgement of the source (Commission Decision 2011/833/EU)"\n'
            "years: [2008, 2015]\n")
print(f"{len(regions)} regions, {len(divisions)} divisions written to {OUT}")
