"""Writes Sources/SmartSpec/Registry/Data/okved2-divisions.csv: the 88 divisions of OKVED2 with their
section, Russian and English names, and the NACE Rev. 2 division each equals.

OKVED2 (OK 029-2014, KDES Rev. 2) is the Russian edition of NACE Rev. 2, which at the division level
equals ISIC Rev. 4: divisions 01–99 carry the same codes and scope in all three, so the
correspondence OKVED2 ↔ NACE Rev. 2 at section and division level is the identity. Russian names:
ru-org-counts-okved2-rosstat/activity_codes_classifier.csv (github.com/PavelSyomin/ru-smb-companies,
GPL-3.0; the OKVED2 classifier as published). English names: ISIC Rev. 4 division titles
(hs-isic4-concordance-wits/isic4_desc.csv, from the R package concordance 2.1.0, MIT; UN
classification files), which are NACE Rev. 2's division titles up to wording.
"""
import csv, os

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared", "data")
OUT = os.path.join(HERE, "..", "Sources", "SmartSpec", "Registry", "Data", "okved2-divisions.csv")
rows = [r for r in csv.DictReader(open(os.path.join(SHARED, "ru-org-counts-okved2-rosstat", "activity_codes_classifier.csv"), encoding="utf-8"))
        if len(r["code"].strip()) == 2]
english = {r["code"]: r["desc"] for r in csv.DictReader(open(os.path.join(SHARED, "hs-isic4-concordance-wits", "isic4_desc.csv"), encoding="utf-8"))}
assert len(rows) == 88
with open(OUT, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["code", "section", "name_ru", "name_en", "nace_rev2"])
    for r in rows:
        code = r["code"].strip()
        w.writerow([code, r["group"], r["name"].strip(), english[code], r["group"] + code])
print(f"{len(rows)} divisions written to {OUT}")
