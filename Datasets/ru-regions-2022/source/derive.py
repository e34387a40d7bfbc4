"""Computes the indicators of Datasets/ru-regions-2022 from the values `smartspec import rosstat`
read (build.sh) and writes the dataset's files. Every number is Rosstat's or a ratio of Rosstat's."""
import csv, os, sys

stage, out = sys.argv[1], sys.argv[2]

def table(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))

values = {row["code"]: row for row in table(os.path.join(stage, "values", "indicators.csv"))}
regions = table(os.path.join(stage, "values", "regions.csv"))
activity_rows = table(os.path.join(stage, "activities", "activities.csv"))
num = lambda code, key: float(values[code][key]) if values.get(code, {}).get(key, "") != "" else None
assets = {}
for row in activity_rows:
    if row["year"] == "2022":
        assets.setdefault(row["region"], {})[row["activity"]] = float(row["value"])

def share(code, sections):
    held = assets.get(code, {})
    total = sum(held.values())
    if total <= 0 or not any(s in held for s in sections):
        return None
    return 100 * sum(held.get(s, 0) for s in sections) / total

def ratio(a, b, scale=1.0):
    return None if a is None or b is None or b == 0 else scale * a / b

INDICATORS = [
    # id, label, label_ru, dimension, role, unit, transform, function
    ("population", "Population (GRP / GRP per capita)", "Население (ВРП / ВРП на душу населения)", "geo-demography", "structural", "persons", "log",
     lambda c: ratio(num(c, "grp"), num(c, "grp_per_capita"), 1e6)),
    ("assets_mining", "Mining, % of fixed assets", "Добыча полезных ископаемых, % основных фондов", "economic-structure", "structural", "%", None, lambda c: share(c, ["B"])),
    ("assets_manufacturing", "Manufacturing, % of fixed assets", "Обрабатывающие производства, % основных фондов", "economic-structure", "structural", "%", None, lambda c: share(c, ["C"])),
    ("assets_agriculture", "Agriculture, forestry and fishing, % of fixed assets", "Сельское, лесное хозяйство, % основных фондов", "economic-structure", "structural", "%", None, lambda c: share(c, ["A"])),
    ("assets_utilities", "Energy and water utilities, % of fixed assets", "Энергетика и водоснабжение, % основных фондов", "economic-structure", "structural", "%", None, lambda c: share(c, ["D", "E"])),
    ("assets_transport", "Transport and storage, % of fixed assets", "Транспортировка и хранение, % основных фондов", "economic-structure", "structural", "%", None, lambda c: share(c, ["H"])),
    ("assets_ict", "Information and communication, % of fixed assets", "Информация и связь, % основных фондов", "economic-structure", "structural", "%", None, lambda c: share(c, ["J"])),
    ("rd_personnel_per_10k", "R&D personnel per 10,000 inhabitants", "Персонал, занятый исследованиями, на 10 000 жителей", "technology", "structural", "per 10,000", None,
     lambda c: ratio(num(c, "rd_personnel"), ratio(num(c, "grp"), num(c, "grp_per_capita"), 1e6), 1e4)),
    ("researchers_with_degree", "Researchers with a scientific degree (Doctor or Candidate of Science), % of researchers", "Исследователи с учёной степенью (доктора и кандидаты наук), % исследователей", "human-capital", "structural", "%", None,
     lambda c: ratio(num(c, "researchers_with_degree"), num(c, "researchers"), 100)),
    ("grp_per_capita", "GRP per capita", "ВРП на душу населения", "economy", "performance", "RUB", None, lambda c: num(c, "grp_per_capita")),
    ("innovation_activity", "Organisations with innovation activity, %", "Уровень инновационной активности организаций, %", "innovation", "performance", "%", None,
     lambda c: num(c, "innovation_activity")),
    ("innovative_goods_share", "Innovative goods and services, % of shipments", "Инновационные товары, работы, услуги, % отгруженных", "innovation", "performance", "%", None,
     lambda c: ratio(num(c, "innovative_shipments"), num(c, "shipments"), 100)),
]

def fmt(x):
    if x is None:
        return ""
    r = float(f"{x:.12g}")
    return str(int(r)) if r == int(r) and abs(r) < 1e15 else repr(r)

os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "regions.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["code", "name", "name_ru", "country"])
    for r in regions:
        w.writerow([r["code"], r["name"], r["name_ru"], r["country"]])
with open(os.path.join(out, "indicators.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["code"] + [i[0] for i in INDICATORS])
    for r in regions:
        w.writerow([r["code"]] + [fmt(i[7](r["code"])) for i in INDICATORS])
q = lambda s: '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'
with open(os.path.join(out, "indicators.yaml"), "w", encoding="utf-8") as f:
    f.write("indicators:\n")
    for (i, label, label_ru, dim, role, unit, transform, _) in INDICATORS:
        f.write(f"  - {{id: {i}, label: {q(label)}, label_ru: {q(label_ru)}, dimension: {dim}, role: {role}, unit: {q(unit)}"
                + (f", transform: {transform}" if transform else "") + "}\n")
with open(os.path.join(out, "activities.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["region", "activity", "year", "value"])
    for row in sorted(activity_rows, key=lambda r: (r["year"], r["region"], r["activity"])):
        w.writerow([row["region"], row["activity"], row["year"], row["value"]])
with open(os.path.join(stage, "activities", "activities.yaml"), encoding="utf-8") as src, open(os.path.join(out, "activities.yaml"), "w", encoding="utf-8") as dst:
    dst.write(src.read())
with open(os.path.join(out, "dataset.yaml"), "w", encoding="utf-8") as f:
    f.write('name: "ru-regions-2022"\n'
            'description: "The 85 subjects of the Russian Federation in 2022: structure (population, fixed assets by OKVED2 section, R&D personnel, researchers with degrees) and performance (GRP per capita, innovation); activities = fixed assets by OKVED2 section, 2017 and 2022; alternative activity table organisations (--activity-table organisations) = number of organisations by OKVED2 section, 2019 and 2022."\n'
            'source: "Rosstat regional workbooks (VRP_s1998, Nal_of_pus_reg-2024, innovations_1, innov_3_2024, nauka_2, nauka_3), read with smartspec import rosstat; organisation counts from Rosstat/EMISS via PavelSyomin/ru-smb-companies; see source/PROVENANCE.md"\n'
            'licence: "Rosstat official statistics, free reuse with attribution (rosstat.gov.ru); workbooks via findatalab/rosstat-open-data (MIT); organisation counts file via PavelSyomin/ru-smb-companies (GPL-3.0)"\n'
            "years: [2017, 2022]\n"
            "languages: [en, ru]\n")
