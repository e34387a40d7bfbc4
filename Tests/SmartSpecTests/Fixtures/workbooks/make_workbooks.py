"""Writes the small workbooks the Rosstat importer is tested on (committed; rerun to regenerate).

Needs openpyxl (.xlsx), xlwt (.xls, BIFF8) and msoffcrypto-tool (an encrypted .xlsx). Every table
looks like Rosstat's: a contents link, a title, a header of years with footnote marks, breakdowns
under a year, then the federation, districts, subjects and parts of subjects.
"""
import io, os
import openpyxl, xlwt
from msoffcrypto.format.ooxml import OOXMLFile

HERE = os.path.dirname(os.path.abspath(__file__))
ROWS = [
    ("Российская Федерация", [100, 110, 120]),
    ("Центральный федеральный округ", [50, 55, 60]),
    ("Белгородская область", [10, 11, "…"]),
    ("Республика Татарстан (Татарстан)", [20, 21, 22.5]),
    ("Калинингpадская область", [3, 4, "-"]),          # a Latin 'p' inside the Russian word
    ("Северо-Западный федеральный округ", [30, 33, 36]),
    ("Архангельская область", [9, 9.5, 10]),
    ("   в т.ч. Ненецкий авт. округ", [4, 4.5, 5]),
    ("   Архангельская область без Ненецкого авт.округа", [5, 5, 5]),
    ("г.Севастополь 2)", [1, 1.5, 2]),
]
NOTE = "1) Предварительные данные."


def table(ws_write, rows=ROWS):
    ws_write(0, 0, "К содержанию")
    ws_write(1, 0, "Тестовый показатель по субъектам Российской Федерации\n(рублей)")
    for j, year in enumerate([2021, "2022 1)", "20233)"]):
        ws_write(2, 1 + j, year)
    for i, (name, values) in enumerate(rows):
        ws_write(3 + i, 0, name)
        for j, v in enumerate(values):
            ws_write(3 + i, 1 + j, v)
    ws_write(3 + len(rows) + 1, 0, NOTE)


def xlsx(name, rows=ROWS, sheets=("Содержание", "1", "2")):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        ws = wb.create_sheet(sheet)
        if sheet == "2":
            table(lambda r, c, v: ws.cell(row=r + 1, column=c + 1, value=v), rows)
        elif sheet != "Содержание":
            ws.cell(row=1, column=1, value="другая таблица")
    wb.save(os.path.join(HERE, name))


def sections_xlsx(name):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "1"
    cell = lambda r, c, v: ws.cell(row=r + 1, column=c + 1, value=v)
    cell(1, 0, "Наличие основных фондов по видам экономической деятельности (миллионов рублей)")
    cell(2, 1, "2022")
    for j, label in enumerate(["Всего по обследуемым видам экономической деятельности", "Сельское, лесное хозяйство, охота, рыболовство и рыбоводство",
                               "Добыча полезных ископаемых", "Обрабатывающие производства"]):
        cell(3, 1 + j, label)
    for i, (region, values) in enumerate([("Российская Федерация", [60, 10, 20, 30]), ("Белгородская область", ["6", "1", "2", "3"]),
                                          ("Республика Татарстан", [15, 5, "…", 10])]):
        cell(4 + i, 0, region)
        for j, v in enumerate(values):
            cell(4 + i, 1 + j, v)
    wb.save(os.path.join(HERE, name))


xlsx("table.xlsx")
xlsx("unknown-region.xlsx", ROWS[:3] + [("Атлантида", [1, 2, 3])] + ROWS[3:])
sections_xlsx("sections.xlsx")

book = xlwt.Workbook(encoding="utf-8")
for sheet in ("Содержание", "1", "2"):
    ws = book.add_sheet(sheet)
    if sheet == "2":
        table(lambda r, c, v: ws.write(r, c, v))
book.save(os.path.join(HERE, "table.xls"))

raw = open(os.path.join(HERE, "table.xlsx"), "rb").read()
open(os.path.join(HERE, "truncated.xlsx"), "wb").write(raw[: len(raw) // 2])
raw = open(os.path.join(HERE, "table.xls"), "rb").read()
open(os.path.join(HERE, "truncated.xls"), "wb").write(raw[: 1024])
open(os.path.join(HERE, "not-a-workbook.xlsx"), "w").write("region,value\nA,1\n")
office = OOXMLFile(open(os.path.join(HERE, "table.xlsx"), "rb"))
out = io.BytesIO()
office.encrypt("secret", out)
open(os.path.join(HERE, "encrypted.xlsx"), "wb").write(out.getvalue())
print("workbooks written to", HERE)

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "data"
for row in [["region", "indicator", "year", "value"], ["AT11", "gdp", 2014, 1.5], ["AT12", "gdp", 2014, 2]]:
    ws.append(row)
wb.save(os.path.join(HERE, "long.xlsx"))
