"""Peer of `smartspec complexity --write-cells`: py-ecomplexity on the same activities.csv.

Reads the long table (region,activity,value), runs ecomplexity (RCA presence at 1, discrete
proximity, density, COI, COG; the log-supermodularity check, which SmartSpec does not do, is off)
and writes every region-activity cell to a CSV, as `--write-cells` does.
Usage: complexity.py ACTIVITIES.csv OUT.csv
"""
import sys
import warnings

import pandas as pd
from ecomplexity import ecomplexity

warnings.filterwarnings("ignore")
table = pd.read_csv(sys.argv[1], dtype={"region": str, "activity": str})
if "year" not in table.columns:
    table["year"] = 0
result = ecomplexity(table, {"time": "year", "loc": "region", "prod": "activity", "val": "value"},
                     verbose=False, check_logsupermodularity=False)
result[["region", "activity", "rca", "mcp", "density", "cog", "eci", "pci", "coi"]].to_csv(sys.argv[2], index=False)
