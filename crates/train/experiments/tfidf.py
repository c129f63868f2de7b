"""Ceiling experiment (b): TF-IDF word 1-2-gram + char 2-5-gram logistic regression on the
sentence with the target replaced by a placeholder. C chosen by 5-fold CV on train only."""
import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, cross_val_predict
from data import load, mark, metrics

train, dev, test = load()
X = {n: [mark(t, e, "tgtent") for t, e, _ in rows] for n, rows in (("train", train), ("dev", dev), ("test", test))}
y = {n: np.array([c for *_, c in rows]) for n, rows in (("train", train), ("dev", dev), ("test", test))}
groups = [t.strip().lower() for t, _, _ in train]
word = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, lowercase=True)
char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)
Mtr = hstack([word.fit_transform(X["train"]), char.fit_transform(X["train"])]).tocsr()
Mx = {n: hstack([word.transform(X[n]), char.transform(X[n])]).tocsr() for n in ("dev", "test")}
best = None
for C in (2, 5, 10, 20):
    clf = LogisticRegression(C=C, max_iter=3000, class_weight="balanced")
    p = cross_val_predict(clf, Mtr, y["train"], groups=groups, cv=GroupKFold(5))
    acc, f1 = metrics(y["train"], p)
    print(f"C={C} cv acc {acc:.4f} f1 {f1:.4f}", flush=True)
    if best is None or acc + f1 > best[0]:
        best = (acc + f1, C)
clf = LogisticRegression(C=best[1], max_iter=3000, class_weight="balanced").fit(Mtr, y["train"])
for n in ("dev", "test"):
    acc, f1 = metrics(y[n], clf.predict(Mx[n]))
    print(f"C={best[1]} {n}: acc {acc:.4f} macro-F1 {f1:.4f}")
