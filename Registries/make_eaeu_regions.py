"""Writes Sources/SmartSpec/Registry/Data/eaeu-regions.csv: the first-level regions of Kazakhstan,
Kyrgyzstan, Belarus and Armenia (the Russian subjects are in ru-subjects.csv).

Columns: country, code (ISO 3166-2), national_code (KATO for Kazakhstan, SOATE for Kyrgyzstan),
name_en, name_ru, name_local (Kazakh, Kyrgyz, Belarusian, Armenian), kind, valid_from, valid_until.
Sources: ISO 3166-2 (codes; Kazakhstan's numeric codes since 2020/2022); Kazakhstan: the REF_AREA
dictionary of the national SDG platform of the Bureau of National Statistics (../shared/data/
kz-oblast-sdg-panel-bns/dict_ref_areas.csv: KATO and ISO codes, English and Russian names) and the
2018 and 2022 reforms (Shymkent made a city of republican significance and South Kazakhstan
renamed Turkistan with its centre moved, 19 June 2018; Abai, Zhetisu and Ulytau oblasts formed
from East Kazakhstan, Almaty and Karaganda oblasts, 8 June 2022); Kyrgyzstan: the CL_AREA code list
of the National Statistical Committee's SDG platform (../shared/data/kg-oblast-sdg-panel-nsc/
dict_ref_areas.csv: SOATE and ISO codes); Belarus and Armenia: ISO 3166-2:BY and ISO 3166-2:AM.
Local names are the official names in the state language.
"""
import csv, os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "Sources", "SmartSpec", "Registry", "Data", "eaeu-regions.csv")
ROWS = [
    # Kazakhstan: 17 oblasts and 3 cities of republican significance since 2022; South Kazakhstan until 2018.
    ("KZ", "KZ-10", "10", "Abai Region", "Абайская область", "Абай облысы", "oblast", "2022", ""),
    ("KZ", "KZ-11", "11", "Akmola Region", "Акмолинская область", "Ақмола облысы", "oblast", "", ""),
    ("KZ", "KZ-15", "15", "Aktobe Region", "Актюбинская область", "Ақтөбе облысы", "oblast", "", ""),
    ("KZ", "KZ-19", "19", "Almaty Region", "Алматинская область", "Алматы облысы", "oblast", "", ""),
    ("KZ", "KZ-23", "23", "Atyrau Region", "Атырауская область", "Атырау облысы", "oblast", "", ""),
    ("KZ", "KZ-27", "27", "West Kazakhstan Region", "Западно-Казахстанская область", "Батыс Қазақстан облысы", "oblast", "", ""),
    ("KZ", "KZ-31", "31", "Jambyl Region", "Жамбылская область", "Жамбыл облысы", "oblast", "", ""),
    ("KZ", "KZ-33", "33", "Jetisu Region", "Жетысуская область", "Жетісу облысы", "oblast", "2022", ""),
    ("KZ", "KZ-35", "35", "Karaganda Region", "Карагандинская область", "Қарағанды облысы", "oblast", "", ""),
    ("KZ", "KZ-39", "39", "Kostanay Region", "Костанайская область", "Қостанай облысы", "oblast", "", ""),
    ("KZ", "KZ-43", "43", "Kyzylorda Region", "Кызылординская область", "Қызылорда облысы", "oblast", "", ""),
    ("KZ", "KZ-47", "47", "Mangystau Region", "Мангистауская область", "Маңғыстау облысы", "oblast", "", ""),
    ("KZ", "KZ-55", "55", "Pavlodar Region", "Павлодарская область", "Павлодар облысы", "oblast", "", ""),
    ("KZ", "KZ-59", "59", "North Kazakhstan Region", "Северо-Казахстанская область", "Солтүстік Қазақстан облысы", "oblast", "", ""),
    ("KZ", "KZ-61", "61", "Turkistan Region", "Туркестанская область", "Түркістан облысы", "oblast", "2018", ""),
    ("KZ", "KZ-62", "62", "Ulytau Region", "Улытауская область", "Ұлытау облысы", "oblast", "2022", ""),
    ("KZ", "KZ-63", "63", "East Kazakhstan Region", "Восточно-Казахстанская область", "Шығыс Қазақстан облысы", "oblast", "", ""),
    ("KZ", "KZ-71", "71", "Astana", "г. Астана", "Астана қаласы", "city", "", ""),
    ("KZ", "KZ-75", "75", "Almaty", "г. Алматы", "Алматы қаласы", "city", "", ""),
    ("KZ", "KZ-79", "79", "Shymkent", "г. Шымкент", "Шымкент қаласы", "city", "2018", ""),
    ("KZ", "KZ-51", "51", "South Kazakhstan Region", "Южно-Казахстанская область", "Оңтүстік Қазақстан облысы", "oblast", "", "2018"),
    # Kyrgyzstan: 7 oblasts and 2 cities of republican significance.
    ("KG", "KG-B", "41705", "Batken Region", "Баткенская область", "Баткен облусу", "oblast", "", ""),
    ("KG", "KG-J", "41703", "Jalal-Abad Region", "Джалал-Абадская область", "Жалал-Абад облусу", "oblast", "", ""),
    ("KG", "KG-Y", "41702", "Issyk-Kul Region", "Иссык-Кульская область", "Ысык-Көл облусу", "oblast", "", ""),
    ("KG", "KG-N", "41704", "Naryn Region", "Нарынская область", "Нарын облусу", "oblast", "", ""),
    ("KG", "KG-O", "41706", "Osh Region", "Ошская область", "Ош облусу", "oblast", "", ""),
    ("KG", "KG-T", "41707", "Talas Region", "Таласская область", "Талас облусу", "oblast", "", ""),
    ("KG", "KG-C", "41708", "Chüy Region", "Чуйская область", "Чүй облусу", "oblast", "", ""),
    ("KG", "KG-GB", "41711", "Bishkek", "г. Бишкек", "Бишкек шаары", "city", "", ""),
    ("KG", "KG-GO", "41721", "Osh", "г. Ош", "Ош шаары", "city", "", ""),
    # Belarus: 6 oblasts and the city of Minsk.
    ("BY", "BY-BR", "", "Brest Region", "Брестская область", "Брэсцкая вобласць", "oblast", "", ""),
    ("BY", "BY-HO", "", "Gomel Region", "Гомельская область", "Гомельская вобласць", "oblast", "", ""),
    ("BY", "BY-HR", "", "Grodno Region", "Гродненская область", "Гродзенская вобласць", "oblast", "", ""),
    ("BY", "BY-MA", "", "Mogilev Region", "Могилёвская область", "Магілёўская вобласць", "oblast", "", ""),
    ("BY", "BY-MI", "", "Minsk Region", "Минская область", "Мінская вобласць", "oblast", "", ""),
    ("BY", "BY-VI", "", "Vitebsk Region", "Витебская область", "Віцебская вобласць", "oblast", "", ""),
    ("BY", "BY-HM", "", "Minsk", "г. Минск", "г. Мінск", "city", "", ""),
    # Armenia: 10 marzes (provinces) and Yerevan.
    ("AM", "AM-AG", "", "Aragatsotn", "Арагацотнская область", "Արագածոտն", "marz", "", ""),
    ("AM", "AM-AR", "", "Ararat", "Араратская область", "Արարատ", "marz", "", ""),
    ("AM", "AM-AV", "", "Armavir", "Армавирская область", "Արմավիր", "marz", "", ""),
    ("AM", "AM-GR", "", "Gegharkunik", "Гехаркуникская область", "Գեղարքունիք", "marz", "", ""),
    ("AM", "AM-KT", "", "Kotayk", "Котайкская область", "Կոտայք", "marz", "", ""),
    ("AM", "AM-LO", "", "Lori", "Лорийская область", "Լոռի", "marz", "", ""),
    ("AM", "AM-SH", "", "Shirak", "Ширакская область", "Շիրակ", "marz", "", ""),
    ("AM", "AM-SU", "", "Syunik", "Сюникская область", "Սյունիք", "marz", "", ""),
    ("AM", "AM-TV", "", "Tavush", "Тавушская область", "Տավուշ", "marz", "", ""),
    ("AM", "AM-VD", "", "Vayots Dzor", "Вайоцдзорская область", "Վայոց Ձոր", "marz", "", ""),
    ("AM", "AM-ER", "", "Yerevan", "г. Ереван", "Երևան", "city", "", ""),
]
SHARED = os.path.join(HERE, "..", "..", "shared", "data")
# Check the codes against the national statistical offices' dictionaries where present.
kz = {r["iso3166_2"]: r["kato2"] for r in csv.DictReader(open(os.path.join(SHARED, "kz-oblast-sdg-panel-bns", "dict_ref_areas.csv"), encoding="utf-8")) if r["iso3166_2"]}
kg = {r["iso3166_2"]: r["soate5"] for r in csv.DictReader(open(os.path.join(SHARED, "kg-oblast-sdg-panel-nsc", "dict_ref_areas.csv"), encoding="utf-8")) if r["iso3166_2"]}
for row in ROWS:
    if row[0] == "KZ" and row[1] in kz: assert kz[row[1]] == row[2], row
    if row[0] == "KG": assert kg[row[1]] == row[2], row
with open(OUT, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["country", "code", "national_code", "name_en", "name_ru", "name_local", "kind", "valid_from", "valid_until"])
    w.writerows(ROWS)
print(f"{len(ROWS)} regions written to {OUT}")
