"""Writes the alternative activity table of Datasets/ru-regions-2022: the number of organisations
by OKVED2 section, 2019 and 2022 (Rosstat/EMISS «Количество организаций по данным государственной
регистрации», on 1 October), from source/raw/rosstat-org-stats.csv, unchanged from
github.com/PavelSyomin/ru-smb-companies. Usage: python3 organisations.py OUT REGISTRY_DIR

Rows are matched to subjects through SmartSpec's registry (name_ru and its variants); the EMISS
export spells 13 subjects differently, listed below. As in `smartspec import rosstat`, Arkhangelsk
and Tyumen oblasts are taken without their autonomous okrugs (the "кроме …" rows), the okrugs as
subjects of their own, and the rows of the oblasts including them are skipped (no double counting).
Sections are the rows written in capitals; the sub-items under them are not taken. An empty cell
(not published) is left out, and SmartSpec counts an absent pair as zero."""
import csv, os, sys

out, registry = sys.argv[1], sys.argv[2]
YEARS = {"2019": 5, "2022": 8}  # column of each year in the export
EMISS_SPELLINGS = {
    "Город Москва столица Российской Федерации город федерального значения": "RU-MOW",
    "Город Санкт-Петербург город федерального значения": "RU-SPE",
    "Республика Адыгея (Адыгея)": "RU-AD",
    "Республика Северная Осетия-Алания": "RU-SE",
    "Республика Татарстан (Татарстан)": "RU-TA",
    "Чувашская Республика - Чувашия": "RU-CU",
    "Еврейская автономная область": "RU-YEV",
    "Чукотский автономный округ": "RU-CHU",
    "Ненецкий автономный округ (Архангельская область)": "RU-NEN",
    "Ханты-Мансийский автономный округ - Югра (Тюменская область)": "RU-KHM",
    "Ямало-Ненецкий автономный округ (Тюменская область)": "RU-YAN",
    "Архангельская область (кроме Ненецкого автономного округа)": "RU-ARK",
    "Тюменская область (кроме Ханты-Мансийского автономного округа-Югры и Ямало-Ненецкого автономного округа)": "RU-TYU",
}
TOTAL = "Всего по обследуемым видам экономической деятельности"
INCLUDING_OKRUGS = {"Архангельская область", "Тюменская область"}

key = lambda name: " ".join(name.lower().replace("ё", "е").split())
with open(os.path.join(registry, "ru-subjects.csv"), encoding="utf-8") as f:
    subjects = list(csv.DictReader(f))
codes = {}
for s in subjects:
    for name in [s["name_ru"]] + [v for v in s["variants"].split(";") if v]:
        codes[key(name)] = s["code"]
for name, code in EMISS_SPELLINGS.items():
    codes[key(name)] = code
with open(os.path.join(registry, "okved2-sections.csv"), encoding="utf-8") as f:
    sections = list(csv.DictReader(f))
section_of = {key(s["name_ru"]): s["code"] for s in sections}

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "raw", "rosstat-org-stats.csv"), encoding="utf-8") as f:
    rows = list(csv.reader(f))
assert rows[2][YEARS["2019"]] == "2019" and rows[2][YEARS["2022"]] == "2022", "unexpected header in rosstat-org-stats.csv"
values, used = {}, set()
for number, row in enumerate(rows[4:], start=5):
    if len(row) < 9 or not row[0]:
        continue
    region_name, item = row[1].strip(), row[2]
    if item != item.lstrip() or item == TOTAL:  # a sub-item (indented) or the total, not a section
        continue
    if region_name in INCLUDING_OKRUGS:
        continue
    code = codes.get(key(region_name))
    if code is None:
        sys.exit(f"rosstat-org-stats.csv line {number}: the region '{region_name}' is no subject of the registry")
    section = section_of.get(key(item))
    if section is None:
        sys.exit(f"rosstat-org-stats.csv line {number}: '{item}' is no OKVED2 section")
    for year, column in YEARS.items():
        if row[column].strip():
            values[(code, section, year)] = int(row[column])
            used.add(section)

with open(os.path.join(out, "activities-organisations.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["region", "activity", "year", "value"])
    for (code, section, year) in sorted(values, key=lambda k: (k[2], k[0], k[1])):
        w.writerow([code, section, year, values[(code, section, year)]])
q = lambda text: '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
with open(os.path.join(out, "activities-organisations.yaml"), "w", encoding="utf-8") as f:
    f.write('classification: "OKVED2"\nactivities:\n')
    for s in sections:
        if s["code"] in used:
            f.write(f'- code: {q(s["code"])}\n  label: {q(s["name_en"])}\n  label_ru: {q(s["name_ru"])}\n')
