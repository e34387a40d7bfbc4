"""Writes the bad-input corpus under Tests/BadInputs/cases/ (committed; rerun to regenerate).

Each case is a folder holding the files a command reads and `case.txt`: line 1 the smartspec
arguments (`{case}` stands for the case folder), line 2 the text the error must contain, line 3
`1` (the expected exit status). Dataset cases start from a small valid dataset and break one file.
Cases that cannot be committed (a 10^6-column line, a symlink loop, a directory in place of a file)
are made by the test itself.
"""
import gzip
import os
import shutil

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
BASE = {
    "dataset.yaml": "name: corpus\nyears: [2020]\n",
    "regions.csv": "code,name,country\nA1,Alpha,AA\nA2,Beta,AA\nB1,Gamma,BB\nB2,Delta,BB\n",
    "indicators.yaml": "indicators:\n  - {id: x, label: X, dimension: technology, role: structural}\n"
                       "  - {id: y, label: Y, dimension: economy, role: performance}\n",
    "indicators.csv": "code,x,y\nA1,1,10\nA2,2,20\nB1,4,30\nB2,3,25\n",
    "activities.yaml": "activities:\n  - {code: P1, label: One}\n  - {code: P2, label: Two}\n",
    "activities.csv": "region,activity,value\nA1,P1,5\nA1,P2,1\nA2,P1,3\nB1,P2,4\nB2,P2,2\n",
}
STUDY = ("descriptors:\n  - {id: d, label: D, variants: [{id: x, label: X}, {id: y, label: Y}]}\n"
         "  - {id: e, label: E, variants: [{id: u, label: U}, {id: v, label: V}]}\n"
         "cross_impacts:\n  d.x: [0, 0, 1, -1]\n  d.y: [0, 0, -1, 1]\n  e.u: [2, -2, 0, 0]\n  e.v: [-1, 1, 0, 0]\n")
SCW = ("$ ScenarioWizard 4.0\nseed.scw\n&A\n -a1\n -a2\n&B\n -b1\n -b2\n#\n#\nFFFFFF\nFFFFFF\nFFFFFF\nFFFFFF\n#\n#\n"
       " 0 , 0 , 2 ,-2 \n 0 , 0 ,-1 , 1 \n 1 ,-1 , 0 , 0 \n-3 , 3 , 0 , 0 \n#\n#\n")
TSV = "freq,unit,geo\\TIME_PERIOD\t2013 \t2014 \nA,PPS_HAB,AT11\t22000 \t23000 p\nA,PPS_HAB,AT12\t: \t31000 \n"
IMPORT = "import eurostat {case}/table.tsv --indicator g --where unit=PPS_HAB --year 2014 --dimension economy --role performance --out {out}"

cases = []


def dataset(name, expect, **files):
    """A dataset case: the base with `files` replaced (bytes or text; None removes the file)."""
    content = dict(BASE)
    for key, value in files.items():
        content[key.replace("_", ".", 1) if "." not in key else key] = value
    cases.append((name, "validate --dataset {case}", expect, content))


def single(name, filename, data, arguments, expect):
    cases.append((name, arguments, expect, {filename: data}))


# Encodings, byte-order marks, line ends.
dataset("01-regions-latin1", "regions.csv:3:5", regions_csv="code,name,country\nA1,Alpha,AA\nA2,Z\xfcrich,AA\nB1,Gamma,BB\nB2,Delta,BB\n".encode("latin-1"))
dataset("02-regions-utf16", "regions.csv:1:1", regions_csv="code,name,country\nA1,Alpha,AA\n".encode("utf-16"))
dataset("03-bom-crlf-error-line-3", "indicators.csv:3:2", indicators_csv="\ufeffcode,x,y\r\nA1,1,10\r\nA2,two,20\r\nB1,4,30\r\nB2,3,25\r\n".encode("utf-8"))
dataset("04-quoted-newline-then-error", "regions.csv:5:1", regions_csv='code,name,country\nA1,"Alpha\nNorth",AA\nA2,Beta,AA\nA2,Again,AA\nB1,Gamma,BB\nB2,Delta,BB\n')
dataset("05-truncated-open-quote", "regions.csv:4:2", regions_csv='code,name,country\nA1,Alpha,AA\nA2,Beta,AA\nB1,"Gam')
dataset("06-truncated-mid-line", "indicators.csv:5:3", indicators_csv="code,x,y\nA1,1,10\nA2,2,20\nB1,4,30\nB2,3")
dataset("07-empty-regions", "regions.csv:1:", regions_csv="")
dataset("08-empty-dataset-yaml", "dataset.yaml:1:", dataset_yaml="")
# Keys and structure.
dataset("09-duplicate-region", "regions.csv:4:1", regions_csv="code,name,country\nA1,Alpha,AA\nA2,Beta,AA\nA1,Again,AA\nB1,Gamma,BB\nB2,Delta,BB\n")
dataset("10-duplicate-yaml-key", "indicators.yaml:2:6", indicators_yaml="indicators:\n  - {id: x, id: z, label: X, dimension: technology, role: structural}\n  - {id: y, label: Y, dimension: economy, role: performance}\n")
dataset("11-yaml-tab-indent", "indicators.yaml:2:9", indicators_yaml="indicators:\n  - id: x\n\tlabel: X\n")
dataset("12-yaml-unclosed-quote", "dataset.yaml:1:7", dataset_yaml='name: "never closed\n')
dataset("13-unknown-role", "indicators.yaml:2:52", indicators_yaml="indicators:\n  - {id: x, label: X, dimension: technology, role: structure}\n  - {id: y, label: Y, dimension: economy, role: performance}\n")
dataset("14-missing-column", "regions.csv:1 (country)", regions_csv="code,name\nA1,Alpha\nA2,Beta\nB1,Gamma\nB2,Delta\n")
dataset("15-unknown-region-in-values", "indicators.csv:4:1", indicators_csv="code,x,y\nA1,1,10\nA2,2,20\nZZ,4,30\nB2,3,25\n")
dataset("16-duplicate-activity-cell", "activities.csv:4:2", activities_csv="region,activity,value\nA1,P1,5\nA1,P2,1\nA1,P1,3\nB1,P2,4\n")
dataset("17-activity-not-declared", "activities.csv:3:2", activities_csv="region,activity,value\nA1,P1,5\nA2,P9,1\n")
dataset("18-negative-activity", "activities.csv:3:3", activities_csv="region,activity,value\nA1,P1,5\nA2,P1,-1\n")
dataset("19-bad-year", "activities.csv:2:4", activities_csv="region,activity,value,year\nA1,P1,5,20x0\n")
dataset("20-field-count", "indicators.csv:3:4", indicators_csv="code,x,y\nA1,1,10\nA2,2,20,99\nB1,4,30\nB2,3,25\n")
# Numbers.
dataset("21-number-1e400", "indicators.csv:3:2", indicators_csv="code,x,y\nA1,1,10\nA2,1e400,20\nB1,4,30\nB2,3,25\n")
dataset("22-number-nan", "indicators.csv:3:2", indicators_csv="code,x,y\nA1,1,10\nA2,NaN,20\nB1,4,30\nB2,3,25\n")
dataset("23-number-infinity", "indicators.csv:3:3", indicators_csv="code,x,y\nA1,1,10\nA2,2,inf\nB1,4,30\nB2,3,25\n")
dataset("24-decimal-comma-in-comma-file", "indicators.csv:3:4", indicators_csv="code,x,y\nA1,1,10\nA2,1,5,20\nB1,4,30\nB2,3,25\n")
dataset("25-huge-integer", "indicators.csv:3:2", indicators_csv="code,x,y\nA1,1,10\nA2," + "9" * 400 + ",20\nB1,4,30\nB2,3,25\n")
dataset("26-text-in-number", "activities.csv:2:3", activities_csv="region,activity,value\nA1,P1,five\n")
dataset("27-nul-byte", "regions.csv:2:6", regions_csv=b"code,name,country\nA1,Al\x00pha,AA\nA2,Beta,AA\nB1,Gamma,BB\nB2,Delta,BB\n")
dataset("28-bad-region-code", "regions.csv:3:1", regions_csv="code,name,country\nA1,Alpha,AA\n../x,Beta,AA\nB1,Gamma,BB\n")
dataset("29-missing-regions-file", "regions.csv: the file does not exist", regions_csv=None)
dataset("30-indicator-not-declared", "indicators.csv:1:4", indicators_csv="code,x,y,w\nA1,1,10,1\nA2,2,20,1\nB1,4,30,1\nB2,3,25,1\n")
# Foresight study files.
study = lambda name, text, expect: single(name, "study.yaml", text, "scenarios {case}/study.yaml", expect)
study("31-study-row-length", STUDY.replace("d.x: [0, 0, 1, -1]", "d.x: [0, 0, 1]"), "study.yaml:5:8")
study("32-study-duplicate-descriptor", STUDY.replace("id: e, label: E", "id: d, label: E"), "study.yaml:3:10 (descriptors): the descriptor id 'd' appears twice")
study("33-study-fraction", STUDY.replace("e.u: [2, -2, 0, 0]", "e.u: [2.5, -2, 0, 0]"), "study.yaml:7:8")
study("34-study-empty", "", "study.yaml:1:")
study("35-study-bad-yaml", STUDY.replace("cross_impacts:", "cross_impacts: [\n"), "study.yaml:7:3")
study("36-study-latin1", ("study:\n  name: \"Stra\xdfe\"\n" + STUDY).encode("latin-1"), "study.yaml:2")
study("37-study-unknown-variant", STUDY.replace("e.v:", "e.w:"), "study.yaml:8:3")
study("38-study-huge-number", STUDY.replace("e.u: [2, -2, 0, 0]", "e.u: [" + "9" * 40 + ", -2, 0, 0]"), "study.yaml:7:8")
# ScenarioWizard files.
scw = lambda name, data, expect: single(name, "matrix.scw", data, "scenarios {case}/matrix.scw", expect)
scw("39-scw-not-scenariowizard", "hello\n", "matrix.scw:1")
scw("40-scw-row-length", SCW.replace(" 0 , 0 ,-1 , 1 \n", " 0 , 0 ,-1 \n"), "matrix.scw:18")
scw("41-scw-no-descriptors", "$ ScenarioWizard 4.0\nx.scw\n#\n#\n", "matrix.scw:3")
scw("42-scw-truncated", SCW[: SCW.index("-3 , 3")], "matrix.scw:20")
scw("43-scw-utf16", SCW.encode("utf-16"), "matrix.scw:1:1")
# Found by fuzzing (Tests/Fuzz/regressions): judgements so large that the search order's sums overflowed.
scw("48-scw-huge-judgement", SCW.replace(" 1 ,-1 , 0 , 0 ", " 1 ,-1777777777777777777 , 0 , 0 "), "beyond ±1000000")
# Eurostat bulk TSV.
tsv = lambda name, data, expect, f="table.tsv": single(name, f, data, IMPORT.replace("table.tsv", f), expect)
tsv("44-tsv-bad-header", "nonsense\n1\t2\n", "table.tsv:1")
tsv("45-tsv-bad-value", TSV.replace("23000 p", "23x00 p"), "table.tsv:2:3")
tsv("46-tsv-empty", "", "table.tsv:1:")
tsv("47-tsv-gz-truncated", gzip.compress(TSV.encode() * 50, mtime=0)[:40], "table.tsv.gz: the compressed file is corrupt or truncated", "table.tsv.gz")

# Study files read strictly (hardening, round two): a descriptor judging its own variants, a round
# that is not a whole number, one expert rating one item twice in a round.
study("49-study-own-block", STUDY.replace("d.x: [0, 0, 1, -1]", "d.x: [1, 0, 1, -1]"), "study.yaml:5:8 (cross_impacts.d.x): 'd.x' judges variants of its own descriptor")
DELPHI = ("priorities:\n  - {id: p, label: P}\ncriteria:\n  items:\n    - {id: g, label: G, weight: 1}\n"
          "delphi:\n  scale: [1, 5]\n  ratings:\n    - {expert: a, round: 1, priority: p, criterion: g, value: 4}\n"
          "    - {expert: b, round: 1, priority: p, criterion: g, value: 3}\n")
delphi = lambda name, text, expect: single(name, "study.yaml", text, "delphi {case}/study.yaml", expect)
delphi("50-study-round-fraction", DELPHI.replace("{expert: b, round: 1,", "{expert: b, round: 1.5,"), "study.yaml:10:26 (delphi.ratings): the round '1.5' is not a whole number")
delphi("51-study-round-zero", DELPHI.replace("{expert: b, round: 1,", "{expert: b, round: 0,"), "the round '0' is not a whole number of at least 1")
delphi("52-study-repeated-rating", DELPHI.replace("{expert: b, round: 1,", "{expert: a, round: 1,"), "study.yaml:10:7 (delphi.ratings): expert 'a' rated priority 'p' on 'g' twice in round 1 (first at line 9)")
# Imports that would write what the loader refuses.
tsv("53-import-id-code", TSV, "the name of the region column", "table.tsv")
cases[-1] = (cases[-1][0], cases[-1][1].replace("--indicator g", "--indicator code"), cases[-1][2], cases[-1][3])
tsv("54-import-id-invalid", TSV, "The indicator id 'a/b' cannot be used", "table.tsv")
cases[-1] = (cases[-1][0], cases[-1][1].replace("--indicator g", "--indicator a/b"), cases[-1][2], cases[-1][3])
tsv("55-import-aggregates-only", TSV.replace("AT11", "EU27_2020").replace("AT12", "ATZZ"), "No values were selected", "table.tsv")

shutil.rmtree(ROOT, ignore_errors=True)
for name, arguments, expect, files in cases:
    folder = os.path.join(ROOT, name)
    os.makedirs(folder)
    for filename, value in files.items():
        if value is None:
            continue
        with open(os.path.join(folder, filename), "wb") as f:
            f.write(value if isinstance(value, bytes) else value.encode("utf-8"))
    with open(os.path.join(folder, "case.txt"), "w") as f:
        f.write(f"{arguments}\n{expect}\n1\n")
print(f"{len(cases)} cases written to {ROOT}")
