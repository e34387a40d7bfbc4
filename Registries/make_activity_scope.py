"""Writes Sources/SmartSpec/Registry/Data/activity-scope.csv: which NACE Rev. 2 (= OKVED2 = ISIC Rev. 4)
sections, divisions and Eurostat section aggregates are *local* — activities that follow the local
population and are not smart-specialisation niches. Every code not listed is traded.

Sources and rules (Methodology/traded-local.md):
- Delgado, Porter & Stern (2016), "Defining clusters of related industries", Journal of Economic
  Geography 16(1): traded industries are geographically concentrated and serve markets beyond the
  region; local industries are spread in proportion to population (the US Cluster Mapping's 16 local
  clusters: local health, education, real estate and construction, retail, food and beverage
  establishments, personal services, utilities, commercial services, logistical services,
  financial services, motor-vehicle services, ...);
- the European Cluster Observatory's star ratings, which count traded industries only;
- at division level the mapping follows those local clusters; a section or Eurostat aggregate takes
  the scope of the divisions that hold most of its employment in the EU;
- electricity and gas (D, 35) stay traded: power generation is a traded cluster of Delgado, Porter &
  Stern, and energy is among the most frequent smart-specialisation domains.
"""
import csv, os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "Sources", "SmartSpec", "Registry", "Data", "activity-scope.csv")
LOCAL_DIVISIONS = {
    "36": "water collection, treatment and supply (local utilities)",
    "37": "sewerage (local utilities)",
    "38": "waste collection and treatment (local utilities)",
    "39": "remediation (local utilities)",
    "41": "construction of buildings (local real estate and construction)",
    "42": "civil engineering (local real estate and construction)",
    "43": "specialised construction (local real estate and construction)",
    "45": "motor-vehicle trade and repair (local motor-vehicle services)",
    "47": "retail trade (local retailing)",
    "49": "land transport (local logistical services: passenger transport, local freight)",
    "53": "postal and courier activities (local logistical services)",
    "56": "food and beverage service (local food and beverage establishments)",
    "64": "financial service activities (local financial services: retail banking)",
    "68": "real estate activities (local real estate)",
    "69": "legal and accounting activities (local commercial services)",
    "75": "veterinary activities (local personal services)",
    "77": "rental and leasing (local commercial services)",
    "80": "security and investigation (local commercial services)",
    "81": "services to buildings and landscape (local commercial services)",
    "84": "public administration and defence (local government)",
    "85": "education (local education)",
    "86": "human health (local health services)",
    "87": "residential care (local health services)",
    "88": "social work (local community and civic organisations)",
    "93": "sports, amusement and recreation (local entertainment)",
    "94": "membership organisations (local community and civic organisations)",
    "95": "repair of computers and household goods (local personal services)",
    "96": "other personal services (local personal services)",
    "97": "households as employers (local personal services)",
    "98": "households' own production (local personal services)",
    "99": "extraterritorial organisations",
}
SECTION_OF = {}
for code in range(1, 100):
    d = f"{code:02d}"
    SECTION_OF[d] = ("A" if code <= 3 else "B" if code <= 9 else "C" if code <= 33 else "D" if code == 35 else
                     "E" if 36 <= code <= 39 else "F" if 41 <= code <= 43 else "G" if 45 <= code <= 47 else
                     "H" if 49 <= code <= 53 else "I" if 55 <= code <= 56 else "J" if 58 <= code <= 63 else
                     "K" if 64 <= code <= 66 else "L" if code == 68 else "M" if 69 <= code <= 75 else
                     "N" if 77 <= code <= 82 else "O" if code == 84 else "P" if code == 85 else
                     "Q" if 86 <= code <= 88 else "R" if 90 <= code <= 93 else "S" if 94 <= code <= 96 else
                     "T" if 97 <= code <= 98 else "U" if code == 99 else None)
LOCAL_SECTIONS = {
    "E": "water supply, sewerage and waste", "F": "construction",
    "G": "wholesale and retail trade (mostly retail)", "L": "real estate", "O": "public administration",
    "P": "education", "Q": "health and social work", "S": "other services", "T": "households", "U": "extraterritorial organisations",
}
LOCAL_AGGREGATES = {
    "G-I": "trade, transport, accommodation and food services (mostly retail and food service)",
    "O-Q": "public administration, education, health and social work",
    "R-U": "arts, recreation and other services (mostly personal services)",
}
rows = []
for s, note in LOCAL_SECTIONS.items():
    rows.append((s, note))
for a, note in LOCAL_AGGREGATES.items():
    rows.append((a, note))
for d, note in LOCAL_DIVISIONS.items():
    rows.append((d, note))
    rows.append((SECTION_OF[d] + d, note))
with open(OUT, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["code", "scope", "why"])
    for code, note in sorted(rows):
        w.writerow([code, "local", note])
print(f"{len(rows)} local codes written to {OUT}")
