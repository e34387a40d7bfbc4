"""Cross-check of SmartSpec's entry model (Methodology/entry-model.md) against reference packages:
the logistic regression of entry on density and base-year RCA, on the cells of `--predictions`.

Usage: entry_model.py DATASET SMARTSPEC BASE TARGET
Runs `smartspec backtest --predictions P.csv --format json`, fits the same model with scikit-learn
(LogisticRegression without penalty, Newton-CG to tolerance 1e-12) and, when installed, statsmodels'
Logit (Newton), and compares coefficients and standard errors (statsmodels; otherwise the inverse
of the Hessian computed here with numpy) to 1e-6. Exits 1 on a larger difference."""
import json, os, subprocess, sys, tempfile
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

dataset, smartspec, base, target = sys.argv[1:5]
tmp = tempfile.mkdtemp()
predictions = os.path.join(tmp, "P.csv")
out = subprocess.run([smartspec, "backtest", "--dataset", dataset, "--base-year", base, "--target-year", target, "--bootstrap", "0",
                      "--predictions", predictions, "--format", "json"], check=True, capture_output=True, text=True).stdout
ours = json.loads(out)["entryModel"]
cells = pd.read_csv(predictions)
x = np.column_stack([cells["density"].to_numpy(float), cells["rca_base"].to_numpy(float)])
y = cells["entered"].to_numpy(int)
try:  # no penalty: C = inf (scikit-learn ≥ 1.8), or penalty=None before
    model = LogisticRegression(C=np.inf, solver="newton-cg", tol=1e-12, max_iter=10000).fit(x, y)
except (ValueError, TypeError):
    model = LogisticRegression(penalty=None, solver="newton-cg", tol=1e-12, max_iter=10000).fit(x, y)
sk = np.concatenate([model.intercept_, model.coef_[0]])
design = np.column_stack([np.ones(len(y)), x])
try:
    import statsmodels.api as sm
    fit = sm.Logit(y, design).fit(method="newton", tol=1e-14, maxiter=200, disp=0)
    reference, errors, source = fit.params, fit.bse, "statsmodels Logit"
except ImportError:
    p = 1 / (1 + np.exp(-design @ sk))
    hessian = design.T @ (design * (p * (1 - p))[:, None])
    reference, errors, source = sk, np.sqrt(np.diag(np.linalg.inv(hessian))), "numpy (inverse Hessian at scikit-learn's optimum)"
coef, se = np.array(ours["coefficients"]), np.array(ours["standardErrors"])
d_sk = np.abs(coef - sk).max()
d_ref = np.abs(coef - reference).max()
d_se = np.abs(se - errors).max()
print(f"{len(y)} cells, {y.sum()} entries; coefficients {coef.tolist()}")
print(f"largest difference: scikit-learn coefficients {d_sk:.1e}; {source} coefficients {d_ref:.1e}, standard errors {d_se:.1e}")
sys.exit(0 if max(d_sk, d_ref, d_se) <= 1e-6 else 1)
