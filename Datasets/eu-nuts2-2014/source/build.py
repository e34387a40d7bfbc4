"""Builds Datasets/eu-nuts2-2014: the 284 EU NUTS-2 regions (NUTS 2013) in 2014 with their official
names, the structural and performance indicators of the project's eurostat-nuts2-2014 set, and as
activities persons employed by NACE Rev. 2 division (not section) in 2014, from Eurostat's SBS table.

Inputs (source/raw, copied unchanged; provenance in source/PROVENANCE.md):
- nuts2-2014-{regions,indicators}.csv, nuts2-2014-indicators.yaml, nuts2-2014-dataset.yaml: the
  indicator set derived from Eurostat bulk TSV files (lfst_r_lfe2en2, lfst_r_lfp2acedu, lfst_r_lfe2eftpt,
  trng_lfse_04, nama_10r_2gdp, nama_10r_2hhinc; September 2017), ../shared/data/eurostat-nuts2-2014;
- nuts2_names.csv: Eurostat's NUTS-2 names;
- the SBS table sbs_r_nuts06_r2 shipped with eu-nuts2-sbs-2008-2015
  (../../eu-nuts2-sbs-2008-2015/source/raw/sbs_r_nuts06_r2.tsv.gz).
Usage: python3 source/build.py [OUT]   (default OUT: the dataset's folder)
"""
import csv, gzip, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
# Division names (English and Russian) from SmartSpec's OKVED2 = NACE Rev. 2 registry.
DIVISIONS = {r["code"]: r for r in __import__("csv").DictReader(open(os.path.join(HERE, "..", "..", "..", "Sources", "SmartSpec", "Registry", "Data",
                                                                                 "okved2-divisions.csv"), encoding="utf-8"))}
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(HERE)
RAW = os.path.join(HERE, "raw")
SBS = os.path.join(HERE, "..", "..", "eu-nuts2-sbs-2008-2015", "source", "raw", "sbs_r_nuts06_r2.tsv.gz")
YEAR = "2014"

names = {r["NUTS_ID"]: r["NAME_LATN"] for r in csv.DictReader(open(os.path.join(RAW, "nuts2_names.csv"), encoding="utf-8"))}
regions = list(csv.DictReader(open(os.path.join(RAW, "nuts2-2014-regions.csv"), encoding="utf-8")))
codes = {r["code"] for r in regions}
assert all(r["code"] in names for r in regions)
employed = {}
with gzip.open(SBS, "rt", encoding="utf-8") as f:
    header = [h.strip() for h in f.readline().rstrip("\n").split("\t")]
    column = header.index(YEAR)
    for line in f:
        parts = line.rstrip("\n").split("\t")
        nace, indicator, geo = parts[0].split(",")
        if indicator != "V16110" or geo not in codes or not (len(nace) == 3 and nace[0].isalpha() and nace[1:].isdigit()):
            continue
        text = parts[column].strip().split(" ")[0]
        if text not in (":", ""):
            employed[(geo, nace)] = float(text)
divisions = sorted({d for (_, d) in employed})

def fmt(x):
    r = float(f"{x:.12g}")
    return str(int(r)) if r == int(r) and abs(r) < 1e15 else repr(r)

os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "regions.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["code", "name", "country", "level"])
    for r in regions:
        w.writerow([r["code"], names[r["code"]], r["country"], r["level"]])
for name in ("indicators.csv", "indicators.yaml"):
    with open(os.path.join(RAW, "nuts2-2014-" + name), encoding="utf-8") as src, open(os.path.join(OUT, name), "w", encoding="utf-8") as dst:
        dst.write(src.read())
with open(os.path.join(OUT, "activities.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["region", "activity", "value"])
    for r in regions:
        for d in divisions:
            if (r["code"], d) in employed:
                w.writerow([r["code"], d, fmt(employed[(r["code"], d)])])
with open(os.path.join(OUT, "activities.yaml"), "w", encoding="utf-8") as f:
    f.write('classification: "NACE Rev. 2 divisions (Eurostat SBS, persons employed, 2014)"\nactivities:\n')
    for d in divisions:
        name = DIVISIONS.get(d[1:])
        label = name["name_en"] if name else f"NACE Rev. 2 division {d[1:]}"
        label_ru = f'\n  label_ru: "{name["name_ru"]}"' if name else ""
        f.write(f'- code: "{d}"\n  label: "{label}"{label_ru}\n  group: "{d[0]}"\n')
with open(os.path.join(OUT, "dataset.yaml"), "w", encoding="utf-8") as f:
    f.write('name: "eu-nuts2-2014"\n'
            'description: "The 284 EU NUTS-2 regions (NUTS 2013) in 2014: structural and performance indicators (Eurostat regional labour-force, education, GDP and household-income tables; 2013 where 2014 is missing) and persons employed by NACE Rev. 2 division (Eurostat SBS)."\n'
            'source: "Eurostat: lfst_r_lfe2en2, lfst_r_lfp2acedu, lfst_r_lfe2eftpt, trng_lfse_04, nama_10r_2gdp, nama_10r_2hhinc (bulk download of September 2017) and sbs_r_nuts06_r2; NUTS names; see source/PROVENANCE.md"\n'
            'licence: "Eurostat: reuse with acknowledgement of the source (Commission Decision 2011/833/EU)"\n'
            f"year: {YEAR}\n"
            "languages: [en]\n")
print(f"{len(regions)} regions, {len(divisions)} divisions, {len(employed)} cells written to {OUT}")
