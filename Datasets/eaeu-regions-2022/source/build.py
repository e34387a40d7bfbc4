"""Writes Datasets/eaeu-regions-2022 (see source/PROVENANCE.md). Usage: build.py RU_STAGE OUT ROOT.

Indicators, all for 2022, each defined the same way in every country:
- grp_per_capita_ppp: GRP per capita in national currency divided by the country's PPP conversion
  factor for GDP (national currency per international dollar, source/raw/ppp-2022.csv);
- researchers_per_million: researchers per million inhabitants (Russia: Rosstat researchers over the
  population of ru-regions-2022; Kazakhstan: SDG 9.5.2 as published by the BNS; Kyrgyzstan: not
  published by region in the shared data, missing);
- unemployment_rate: ILO unemployment rate, % of the labour force (SDG 8.5.2 in Kazakhstan and
  Kyrgyzstan; not in the shared Russian data, missing).
"""
import csv, os, sys

ru_stage, out, root = sys.argv[1], sys.argv[2], sys.argv[3]
here = os.path.dirname(os.path.abspath(__file__))

def table(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))

ppp = {r["country"]: float(r["lcu_per_international_dollar"]) for r in table(os.path.join(here, "raw", "ppp-2022.csv"))}
registry = {r["code"]: r for r in table(os.path.join(root, "Sources", "SmartSpec", "Registry", "Data", "eaeu-regions.csv"))}

def number(text):
    return float(text) if text not in ("", None) else None

regions, values = [], {}
# Russia: ru-regions-2022 (GRP per capita in RUB, population) and researchers read by build.sh.
ru = {r["code"]: r for r in table(os.path.join(root, "Datasets", "ru-regions-2022", "indicators.csv"))}
researchers = {r["code"]: number(r["researchers"]) for r in table(os.path.join(ru_stage, "indicators.csv"))}
for r in table(os.path.join(root, "Datasets", "ru-regions-2022", "regions.csv")):
    regions.append((r["code"], r["name"], r["name_ru"], "RU"))
    grp, population = number(ru[r["code"]]["grp_per_capita"]), number(ru[r["code"]]["population"])
    count = researchers.get(r["code"])
    values[r["code"]] = {
        "grp_per_capita_ppp": None if grp is None else grp / ppp["RU"],
        "researchers_per_million": None if count is None or not population else count / population * 1e6,
        "unemployment_rate": None,
    }
# Kazakhstan: kz-regions-2022 (GRP per capita in thousand KZT, SDG 9.5.2, SDG 8.5.2).
kz = {r["code"]: r for r in table(os.path.join(root, "Datasets", "kz-regions-2022", "indicators.csv"))}
for r in table(os.path.join(root, "Datasets", "kz-regions-2022", "regions.csv")):
    regions.append((r["code"], r["name"], r["name_ru"], "KZ"))
    grp = number(kz[r["code"]]["grp_per_capita"])
    values[r["code"]] = {
        "grp_per_capita_ppp": None if grp is None else grp * 1000 / ppp["KZ"],
        "researchers_per_million": number(kz[r["code"]]["researchers_per_million"]),
        "unemployment_rate": number(kz[r["code"]]["unemployment_rate"]),
    }
# Kyrgyzstan: the national SDG platform's panel (GRP per capita: series _L_KG_080101_2, thousand soms
# (unit_mult 3); unemployment: SL_TLF_UEM), total series (no disaggregation), 2022.
kg = {}
for r in table(os.path.join(here, "raw", "kg_sdg_regional_long.csv")):
    if r["year"] == "2022" and r["disaggregation"] == "" and r["level"] != "country" and r["series"] in ("_L_KG_080101_2", "SL_TLF_UEM"):
        kg[(r["iso3166_2"], r["series"])] = float(r["value"]) * 10 ** int(r["unit_mult"] or 0)
kg_codes = [code for code, r in registry.items() if r["country"] == "KG"]
for code in kg_codes:
    r = registry[code]
    regions.append((code, r["name_en"], r["name_ru"], "KG"))
    grp = kg.get((code, "_L_KG_080101_2"))
    values[code] = {
        "grp_per_capita_ppp": None if grp is None else grp / ppp["KG"],
        "researchers_per_million": None,
        "unemployment_rate": kg.get((code, "SL_TLF_UEM")),
    }
assert all(values[c]["grp_per_capita_ppp"] is not None for c in kg_codes), "a Kyrgyz region lacks GRP per capita for 2022"

INDICATORS = [
    ("researchers_per_million", "Researchers per million inhabitants", "Исследователи на миллион жителей", "technology", "structural", "higher", None,
     "per million", "Russia: Rosstat nauka_2 researchers / population of ru-regions-2022; Kazakhstan: BNS SDG 9.5.2; Kyrgyzstan: not published by region"),
    ("grp_per_capita_ppp", "GRP per capita at purchasing-power parity", "ВРП на душу населения по паритету покупательной способности", "economy", "structural", "higher", "log",
     "international $ (PPP)", "GRP per capita in national currency (Rosstat; BNS; NSC KR) / IMF PPP conversion factor 2022 (source/raw/ppp-2022.csv)"),
    ("unemployment_rate", "Unemployment rate, %", "Уровень безработицы, %", "labour-market", "performance", "lower", None,
     "%", "ILO definition, SDG 8.5.2: BNS (Kazakhstan), NSC KR (Kyrgyzstan); not in the shared Russian data"),
]

def fmt(x):
    return "" if x is None else repr(round(x, 6))

with open(os.path.join(out, "regions.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["code", "name", "name_ru", "country"])
    w.writerows(regions)
with open(os.path.join(out, "indicators.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["code"] + [i[0] for i in INDICATORS])
    for code, *_ in regions:
        w.writerow([code] + [fmt(values[code][i[0]]) for i in INDICATORS])
q = lambda s: '"' + s.replace('"', '\\"') + '"'
with open(os.path.join(out, "indicators.yaml"), "w", encoding="utf-8") as f:
    f.write("indicators:\n")
    for id, label, label_ru, dimension, role, direction, transform, unit, source in INDICATORS:
        extra = f", transform: {transform}" if transform else ""
        f.write(f"  - {{id: {id}, label: {q(label)}, label_ru: {q(label_ru)}, dimension: {dimension}, role: {role}, direction: {direction}{extra}, unit: {q(unit)}, source: {q(source)}}}\n")
factors = "; ".join(f"{c} {ppp[c]} per international $" for c in ("RU", "KZ", "KG"))
with open(os.path.join(out, "dataset.yaml"), "w", encoding="utf-8") as f:
    f.write('name: "eaeu-regions-2022"\n'
            'description: "Regions of three countries of the Eurasian Economic Union in 2022 — the 85 subjects of Russia, the 20 regions of Kazakhstan, the 7 oblasts and 2 cities of Kyrgyzstan — on indicators defined the same way in every country: GRP per capita at purchasing-power parity, researchers per million inhabitants, unemployment rate."\n'
            'source: "Rosstat (via ru-regions-2022), Bureau of National Statistics of Kazakhstan (via kz-regions-2022), National Statistical Committee of the Kyrgyz Republic (national SDG platform); see source/PROVENANCE.md"\n'
            'licence: "Official statistics of Rosstat, the BNS and the NSC KR (free reuse with attribution); SDG platform repositories MIT"\n'
            "year: 2022\n"
            "languages: [en, ru]\n"
            f'notes: "PPP conversion factors for GDP, 2022 (IMF World Economic Outlook, implied PPP conversion rate): {factors}. Researchers per million are not published by region for Kyrgyzstan, and the unemployment rate is not in the shared Russian data: those cells are missing, and the analyses impute them from the region\'s own country (or the union mean) and list every imputed cell."\n')
