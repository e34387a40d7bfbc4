"""Writes Sources/SmartSpec/Registry/Data/ru-subjects.csv: the 85 subjects of the Russian Federation.

Sources (read from ../shared/data beside the repository; the output is committed, so builds do not
need them):
- rosstat-regions/region_codes.csv: Rosstat-style Russian names and ISO-3166-2-style codes (RU-CR,
  RU-SEV for Crimea and Sevastopol);
- ru-region-codes-hflabs/region.csv (github.com/hflabs/region, CC BY-SA 4.0): OKATO, OKTMO and the
  federal district.
English names are the conventional ones (Wikipedia / ISO 3166-2 English forms), written here.
`variants` lists the extra spellings found in Rosstat tables (normalised forms are matched; see
RussianRegions.swift). St Petersburg takes its ISO code RU-SPE.
"""
import csv, os

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared", "data")
OUT = os.path.join(HERE, "..", "Sources", "SmartSpec", "Registry", "Data", "ru-subjects.csv")

ENGLISH = {
    "RU-AD": "Republic of Adygea", "RU-AL": "Altai Republic", "RU-BA": "Republic of Bashkortostan", "RU-BU": "Republic of Buryatia",
    "RU-DA": "Republic of Dagestan", "RU-IN": "Republic of Ingushetia", "RU-KB": "Kabardino-Balkarian Republic",
    "RU-KL": "Republic of Kalmykia", "RU-KC": "Karachay-Cherkess Republic", "RU-KR": "Republic of Karelia", "RU-KO": "Komi Republic",
    "RU-CR": "Republic of Crimea", "RU-ME": "Mari El Republic", "RU-MO": "Republic of Mordovia", "RU-SA": "Sakha (Yakutia) Republic",
    "RU-SE": "Republic of North Ossetia–Alania", "RU-TA": "Republic of Tatarstan", "RU-TY": "Tuva Republic",
    "RU-UD": "Udmurt Republic", "RU-KK": "Republic of Khakassia", "RU-CE": "Chechen Republic", "RU-CU": "Chuvash Republic",
    "RU-ALT": "Altai Krai", "RU-ZAB": "Zabaykalsky Krai", "RU-KAM": "Kamchatka Krai", "RU-KDA": "Krasnodar Krai",
    "RU-KYA": "Krasnoyarsk Krai", "RU-PER": "Perm Krai", "RU-PRI": "Primorsky Krai", "RU-STA": "Stavropol Krai",
    "RU-KHA": "Khabarovsk Krai", "RU-AMU": "Amur Oblast", "RU-ARK": "Arkhangelsk Oblast", "RU-AST": "Astrakhan Oblast",
    "RU-BEL": "Belgorod Oblast", "RU-BRY": "Bryansk Oblast", "RU-VLA": "Vladimir Oblast", "RU-VGG": "Volgograd Oblast",
    "RU-VLG": "Vologda Oblast", "RU-VOR": "Voronezh Oblast", "RU-IVA": "Ivanovo Oblast", "RU-IRK": "Irkutsk Oblast",
    "RU-KGD": "Kaliningrad Oblast", "RU-KLU": "Kaluga Oblast", "RU-KEM": "Kemerovo Oblast – Kuzbass", "RU-KIR": "Kirov Oblast",
    "RU-KOS": "Kostroma Oblast", "RU-KGN": "Kurgan Oblast", "RU-KRS": "Kursk Oblast", "RU-LEN": "Leningrad Oblast",
    "RU-LIP": "Lipetsk Oblast", "RU-MAG": "Magadan Oblast", "RU-MOS": "Moscow Oblast", "RU-MUR": "Murmansk Oblast",
    "RU-NIZ": "Nizhny Novgorod Oblast", "RU-NGR": "Novgorod Oblast", "RU-NVS": "Novosibirsk Oblast", "RU-OMS": "Omsk Oblast",
    "RU-ORE": "Orenburg Oblast", "RU-ORL": "Oryol Oblast", "RU-PNZ": "Penza Oblast", "RU-PSK": "Pskov Oblast",
    "RU-ROS": "Rostov Oblast", "RU-RYA": "Ryazan Oblast", "RU-SAM": "Samara Oblast", "RU-SAR": "Saratov Oblast",
    "RU-SAK": "Sakhalin Oblast", "RU-SVE": "Sverdlovsk Oblast", "RU-SMO": "Smolensk Oblast", "RU-TAM": "Tambov Oblast",
    "RU-TVE": "Tver Oblast", "RU-TOM": "Tomsk Oblast", "RU-TUL": "Tula Oblast", "RU-TYU": "Tyumen Oblast",
    "RU-ULY": "Ulyanovsk Oblast", "RU-CHE": "Chelyabinsk Oblast", "RU-YAR": "Yaroslavl Oblast", "RU-MOW": "Moscow",
    "RU-SPE": "Saint Petersburg", "RU-SEV": "Sevastopol", "RU-YEV": "Jewish Autonomous Oblast", "RU-NEN": "Nenets Autonomous Okrug",
    "RU-KHM": "Khanty-Mansi Autonomous Okrug – Yugra", "RU-CHU": "Chukotka Autonomous Okrug", "RU-YAN": "Yamalo-Nenets Autonomous Okrug",
}
DISTRICTS = {"Центральный": "Central", "Северо-Западный": "Northwestern", "Южный": "Southern", "Северо-Кавказский": "North Caucasian",
             "Приволжский": "Volga", "Уральский": "Ural", "Сибирский": "Siberian", "Дальневосточный": "Far Eastern"}
# Spellings seen in Rosstat tables beyond "<name> <type>" (normalised matching absorbs case, ё,
# punctuation, footnote marks and the abbreviations авт./обл./респ./г.).
VARIANTS = {
    "RU-KEM": "Кемеровская область - Кузбасс", "RU-KHM": "Ханты-Мансийский автономный округ - Югра;Ханты-Мансийский автономный округ",
    "RU-SE": "Республика Северная Осетия - Алания;Северная Осетия", "RU-CU": "Чувашия", "RU-SA": "Якутия;Республика Саха",
    "RU-TY": "Тува", "RU-ME": "Марийская республика", "RU-MOW": "Москва", "RU-SPE": "Санкт-Петербург", "RU-SEV": "Севастополь",
    "RU-KB": "Кабардино-Балкария", "RU-KC": "Карачаево-Черкесия", "RU-UD": "Удмуртия", "RU-CE": "Чечня", "RU-YEV": "Еврейская АО",
}
# The autonomous okrugs inside an oblast (Rosstat's oblast rows include them).
PARENT = {"RU-NEN": "RU-ARK", "RU-KHM": "RU-TYU", "RU-YAN": "RU-TYU"}

names = list(csv.DictReader(open(os.path.join(SHARED, "rosstat-regions", "region_codes.csv"), encoding="utf-8")))
hflabs = {row["iso_code"]: row for row in csv.DictReader(open(os.path.join(SHARED, "ru-region-codes-hflabs", "region.csv"), encoding="utf-8"))}
hflabs["RU-CR"], hflabs["RU-SEV"], hflabs["RU-SPE"] = hflabs["UA-43"], hflabs["UA-40"], hflabs["RU-SPE"]
rows = []
for row in names:
    code = row["iso_3166_2_like"].replace("RU-SPB", "RU-SPE")
    h = hflabs[code]
    rows.append([code, h["okato"][:2] if code not in PARENT else h["okato"][:5].rstrip("0") or h["okato"][:3], h["oktmo"],
                 row["name_ru"], ENGLISH[code], h["federal_district"], DISTRICTS[h["federal_district"]], PARENT.get(code, ""), VARIANTS.get(code, "")])
assert len(rows) == 85 and len({r[0] for r in rows}) == 85
with open(OUT, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["code", "okato", "oktmo", "name_ru", "name_en", "federal_district_ru", "federal_district_en", "parent", "variants"])
    w.writerows(rows)
print(f"{len(rows)} subjects written to {OUT}")
