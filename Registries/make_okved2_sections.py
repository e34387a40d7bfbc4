"""Writes Sources/SmartSpec/Registry/Data/okved2-sections.csv: the 21 sections of OKVED2 (OK 029-2014,
KDES Rev. 2) with their Russian names, and the NACE Rev. 2 section each equals.

OKVED2 is the Russian translation of NACE Rev. 2 (KDES Rev. 2 = NACE Rev. 2): sections A–U and the
88 divisions carry the same codes and scope, so the correspondence at these levels is the identity.
Russian names: ru-org-counts-okved2-rosstat/activity_codes_classifier.csv (github.com/PavelSyomin/
ru-smb-companies, GPL-3.0; the OKVED2 classifier as published). English names: NACE Rev. 2 section
titles (Eurostat, Statistical classification of economic activities, 2008).
"""
import csv, os

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared", "data")
OUT = os.path.join(HERE, "..", "Sources", "SmartSpec", "Registry", "Data", "okved2-sections.csv")
ENGLISH = {
    "A": "Agriculture, forestry and fishing", "B": "Mining and quarrying", "C": "Manufacturing",
    "D": "Electricity, gas, steam and air conditioning supply", "E": "Water supply; sewerage, waste management and remediation activities",
    "F": "Construction", "G": "Wholesale and retail trade; repair of motor vehicles and motorcycles", "H": "Transportation and storage",
    "I": "Accommodation and food service activities", "J": "Information and communication", "K": "Financial and insurance activities",
    "L": "Real estate activities", "M": "Professional, scientific and technical activities", "N": "Administrative and support service activities",
    "O": "Public administration and defence; compulsory social security", "P": "Education", "Q": "Human health and social work activities",
    "R": "Arts, entertainment and recreation", "S": "Other service activities",
    "T": "Activities of households as employers; undifferentiated goods- and services-producing activities of households for own use",
    "U": "Activities of extraterritorial organisations and bodies",
}
rows = [r for r in csv.DictReader(open(os.path.join(SHARED, "ru-org-counts-okved2-rosstat", "activity_codes_classifier.csv"), encoding="utf-8"))
        if not r["code"].strip()]
assert [r["group"] for r in rows] == list("ABCDEFGHIJKLMNOPQRSTU")
with open(OUT, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["code", "name_ru", "name_en", "nace_rev2"])
    for r in rows:
        name = r["name"].strip()
        w.writerow([r["group"], name[0] + name[1:].lower(), ENGLISH[r["group"]], r["group"]])
print(f"{len(rows)} sections written to {OUT}")
