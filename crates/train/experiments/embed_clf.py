"""Ceiling experiment (a), classifier: logistic regression and a small MLP on the cached
MiniLM embeddings (embed.py). Hyper-parameters chosen by 5-fold CV on train only."""
import sys
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier
from sklearn.model_selection import KFold, cross_val_predict
from data import metrics

for variant in sys.argv[1:] or ["pair", "mask"]:
    d = np.load(f"/tmp/s3emb_{variant}.npz")
    cands = [("LR C=%g" % C, LogisticRegression(C=C, max_iter=5000)) for C in (1, 4, 16)]
    cands += [("MLP 256 a=%g" % a, MLPClassifier((256,), alpha=a, max_iter=300, early_stopping=True, random_state=0)) for a in (1e-3, 1e-2)]
    best = None
    for name, clf in cands:
        p = cross_val_predict(clf, d["train"], d["y_train"], cv=KFold(5, shuffle=True, random_state=0))
        acc, f1 = metrics(d["y_train"], p)
        print(f"{variant} {name}: cv acc {acc:.4f} f1 {f1:.4f}", flush=True)
        if best is None or acc + f1 > best[0]:
            best = (acc + f1, name, clf)
    clf = best[2].fit(d["train"], d["y_train"])
    for n in ("dev", "test"):
        acc, f1 = metrics(d["y_" + n], clf.predict(d[n]))
        print(f"{variant} {best[1]} {n}: acc {acc:.4f} macro-F1 {f1:.4f}", flush=True)
