"""Builds Datasets/kz-regions-2022: Kazakhstan's 17 oblasts and 3 cities of republican significance in
2022, from the official statistics of the Bureau of National Statistics (BNS) copied in source/raw:

- kz_sdg_regional_long.csv, dict_indicators.csv, dict_ref_areas.csv: the regional panel of Kazakhstan's
  national SDG platform (github.com/kazstat/sdg-data-kazstat, commit 72277878d12502232b21c3d4b8ac459630b4f578,
  MIT for the repository; the statistics are BNS data), via ../shared/data/kz-oblast-sdg-panel-bns;
- grp_per_capita_2008_2022.csv: GRP per capita by region (BNS, «ВРП на душу населения»; from
  open-data-kazakhstan/city-gdp-per-capita commit 659fb639048bf7897462e6f9d4db1b057cce42b5), via
  ../shared/data/kazakhstan-regions.

Regions, codes (ISO 3166-2, KATO) and names in English, Russian and Kazakh come from SmartSpec's
registry (Sources/SmartSpec/Registry/Data/eaeu-regions.csv). Each indicator is the panel's total
series (no breakdown) for 2022; the table below says which, with its dimension and role.
Usage: python3 source/build.py [OUT]   (default OUT: the dataset's folder)
"""
import csv, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(HERE)
RAW = os.path.join(HERE, "raw")
REGISTRY = os.path.join(HERE, "..", "..", "..", "Sources", "SmartSpec", "Registry", "Data", "eaeu-regions.csv")
YEAR = "2022"

# (id, SDG indicator, series, unit code, label, label_ru, dimension, role, direction, unit)
INDICATORS = [
    ("housing_per_person", "11-3-1", "", "SQ_METER", "Housing per person", "Обеспеченность жильём на одного человека", "geo-demography", "structural", "higher", "m²"),
    ("forest_share", "15-1-1", "", "", "Forest area, % of land area", "Лесная площадь, % от общей площади земли", "geo-demography", "structural", "higher", "%"),
    ("manufacturing_gva_share", "9-2-1", "", "PT_IN_2010_PRICE", "Manufacturing value added, % of GRP (2010 prices)", "Добавленная стоимость обрабатывающей промышленности, % ВРП (в ценах 2010 г.)", "economic-structure", "structural", "higher", "%"),
    ("rd_expenditure_share", "9-5-1", "", "PT", "Domestic R&D expenditure, % of GRP", "Внутренние затраты на исследования и разработки, % ВРП", "technology", "structural", "higher", "%"),
    ("researchers_per_million", "9-5-2", "", "", "R&D specialists per million inhabitants", "Исследователи, выполняющие исследования и разработки, на миллион жителей", "technology", "structural", "higher", "per million"),
    ("internet_users", "17-8-1", "", "PT", "Individuals using the Internet, %", "Доля пользователей сети Интернет, %", "technology", "structural", "higher", "%"),
    ("teachers_masters", "4-c-1-2", "", "PT", "Teachers with a master's or higher qualification, %", "Доля педагогов с квалификацией магистра и выше, %", "human-capital", "structural", "higher", "%"),
    ("informal_employment", "8-3-1", "", "PT", "Informal employment, % of employment", "Доля неформальной занятости, % от занятых", "labour-market", "structural", "lower", "%"),
    ("women_managers", "5-5-2", "", "PT", "Women in managerial positions, %", "Доля женщин на руководящих должностях, %", "institutions", "structural", "higher", "%"),
    ("unemployment_rate", "8-5-2", "", "PT", "Unemployment rate, %", "Уровень безработицы, %", "labour-market", "performance", "lower", "%"),
    ("poverty_rate", "1-2-1", "", "PT", "Population below the subsistence minimum, %", "Доля населения с доходами ниже прожиточного минимума, %", "economy", "performance", "lower", "%"),
    ("neet_youth", "8-6-1", "", "PT", "Youth (15–24) not in education, employment or training, %", "Молодёжь (15–24 лет), не работающая и не обучающаяся, %", "human-capital", "performance", "lower", "%"),
]

registry = [r for r in csv.DictReader(open(REGISTRY, encoding="utf-8")) if r["country"] == "KZ" and not r["valid_until"]]
assert len(registry) == 20
by_kato = {r["national_code"]: r for r in registry}
values = {}
for row in csv.DictReader(open(os.path.join(RAW, "kz_sdg_regional_long.csv"), encoding="utf-8")):
    if row["year"] != YEAR or row["disaggregation"] or row["level"] != "oblast_or_city_of_rep_significance" or not row["kato2"]:
        continue
    kato = row["kato2"].split(".")[0].zfill(2)
    if kato in by_kato:
        values[(row["indicator"], row["series"], row["unit"], by_kato[kato]["code"])] = float(row["value"])

def short(name):
    return name.replace("г.", "").replace("область", "").strip().lower()

grp = {}
names = {short(r["name_ru"]): r["code"] for r in registry}
names.update({"абай": "KZ-10", "жетісу": "KZ-33", "ұлытау": "KZ-62"})
for row in csv.DictReader(open(os.path.join(RAW, "grp_per_capita_2008_2022.csv"), encoding="utf-8")):
    if row["year"] == YEAR and row["unit"] == "thousand KZT" and short(row["region_ru"]) in names:
        grp[names[short(row["region_ru"])]] = float(row["grp_per_capita"])
assert len(grp) == 20, sorted(set(names.values()) - set(grp))

def fmt(x):
    if x is None:
        return ""
    r = float(f"{x:.12g}")
    return str(int(r)) if r == int(r) and abs(r) < 1e15 else repr(r)

os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "regions.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["code", "name", "name_ru", "country"])
    for r in registry:
        w.writerow([r["code"], r["name_en"], r["name_ru"], "KZ"])
with open(os.path.join(OUT, "indicators.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["code"] + [i[0] for i in INDICATORS] + ["grp_per_capita"])
    for r in registry:
        w.writerow([r["code"]] + [fmt(values.get((i[1], i[2], i[3], r["code"]))) for i in INDICATORS] + [fmt(grp[r["code"]])])
q = lambda s: '"' + s.replace('"', '\\"') + '"'
with open(os.path.join(OUT, "indicators.yaml"), "w", encoding="utf-8") as f:
    f.write("indicators:\n")
    for (i, sdg, series, unit_code, label, label_ru, dim, role, direction, unit) in INDICATORS:
        f.write(f"  - {{id: {i}, label: {q(label)}, label_ru: {q(label_ru)}, dimension: {dim}, role: {role}, direction: {direction}, "
                f"unit: {q(unit)}, source: {q('BNS, national SDG platform, indicator ' + sdg.replace('-', '.') + ', ' + YEAR)}}}\n")
    f.write('  - {id: grp_per_capita, label: "GRP per capita", label_ru: "ВРП на душу населения", dimension: economy, role: performance, '
            f'unit: "thousand KZT", source: "BNS, GRP per capita by region, {YEAR}"}}\n')
with open(os.path.join(OUT, "dataset.yaml"), "w", encoding="utf-8") as f:
    f.write('name: "kz-regions-2022"\n'
            'description: "Kazakhstan\'s 17 oblasts and 3 cities of republican significance in 2022 (after the 2022 reform: Abai, Jetisu, Ulytau): official indicators of the national SDG platform and GRP per capita."\n'
            'source: "Bureau of National Statistics of the Republic of Kazakhstan: national SDG platform (kazstat/sdg-data-kazstat) and GRP per capita by region; see source/PROVENANCE.md"\n'
            'licence: "Official statistics of the BNS (cite the Bureau of National Statistics); SDG platform repository MIT"\n'
            f"year: {YEAR}\n"
            "languages: [en, ru]\n")
print(f"{len(registry)} regions, {len(INDICATORS) + 1} indicators written to {OUT}")
