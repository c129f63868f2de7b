"""Offline copy of the trainer's two-score student (logits (-p, q, p), p over feature values,
q over their absolute values, class-balanced log loss + L2, L-BFGS) on the features written by
`news-impact-train dump --out /tmp/s3feat.tsv`, with optional soft targets:
target = (1 - a) * one-hot(gold) + a * teacher probabilities.
Usage: student.py [teacher_train_probs.npy] [alpha ...]
Environment: L2S=2e-4,5e-4 (L2 strengths); AUG=features of augmented rows (`dump --data
/tmp/s3aug.tsv --out FILE`) with AUGP=their teacher probabilities (.npy) and AUGW=their weight.
Importable: fit(), prune() (the trainer's prune-and-refit) and report() (dev / own test)."""
import os, sys
import numpy as np
from scipy.optimize import minimize
from scipy.sparse import csr_matrix
from data import metrics

rows = [l.rstrip("\n").split("\t") for l in open("/tmp/s3feat.tsv", encoding="utf-8")]
split = np.array([r[0] for r in rows]); gold = np.array([int(r[1]) for r in rows])
tr = (split == "inner") | (split == "val")
N0 = len(rows)
AUG = os.environ.get("AUG")  # features of augment.py rows (dump --data), teacher probs in AUGP
if AUG:
    aug = [l.rstrip("\n").split("\t") for l in open(AUG, encoding="utf-8")]
    aug = aug[: len(np.load(os.environ["AUGP"]))]  # dump appends the own test set: drop it
    rows += aug
    split = np.concatenate([split, np.array(["aug"] * len(aug))])
    gold = np.concatenate([gold, np.zeros(len(aug), int)])
    tr = np.concatenate([tr, np.zeros(len(aug), bool)])
count = {}
for r, t in zip(rows, tr):
    if t:
        for k in {kv.rsplit("=", 1)[0] for kv in r[2:]}:
            count[k] = count.get(k, 0) + 1
index = {k: i for i, k in enumerate(sorted(k for k, c in count.items() if c >= 2))}
ri, ci, vv = [], [], []
for n, r in enumerate(rows):
    acc = {}
    for kv in r[2:]:
        k, v = kv.rsplit("=", 1)
        if k in index:
            acc[index[k]] = acc.get(index[k], 0.0) + float(v)
    for i, v in acc.items():
        ri.append(n); ci.append(i); vv.append(v)
X = csr_matrix((vv, (ri, ci)), shape=(len(rows), len(index)))
A = abs(X)
D = len(index)


def fit(T, w, l2, mask=None, cols=None):
    """Fits on rows `mask` (default train) with targets T and row weights w; `cols` restricts
    the features (pruned refit); returns the parameters over all D features."""
    mask = tr if mask is None else mask
    cols = np.arange(D) if cols is None else cols
    th = _fit(X[mask][:, cols], A[mask][:, cols], T, w, l2)
    full = np.zeros(2 * D + 2); d = len(cols)
    full[cols] = th[:d]; full[D + cols] = th[d:2 * d]; full[2 * D:] = th[2 * d:]
    return full


def prune(th, T, w, l2, level, mask=None):
    """The trainer's prune-and-refit: keep features with a raw weight >= (level-0.5)*0.005."""
    lim = (level - 0.5) * 0.005 / 0.3
    cols = np.where((np.abs(th[:D]) >= lim) | (np.abs(th[D:2 * D]) >= lim))[0]
    return fit(T, w, l2, mask, cols), len(cols)


def _fit(Xt, At, T, w, l2):
    n, D = Xt.shape

    def f(th):
        p = Xt @ th[:D] + th[2 * D]; q = At @ th[D:2 * D] + th[2 * D + 1]
        z = np.stack([-p, q, p], 1)
        mx = z.max(1, keepdims=True); lse = mx[:, 0] + np.log(np.exp(z - mx).sum(1))
        loss = (w * (T * (lse[:, None] - z)).sum(1)).sum() / n
        g = w[:, None] * (np.exp(z - lse[:, None]) - T) / n
        gp, gq = g[:, 2] - g[:, 0], g[:, 1]
        grad = np.concatenate([Xt.T @ gp, At.T @ gq, [gp.sum(), gq.sum()]])
        loss += 0.5 * l2 * (th[:2 * D] ** 2).sum(); grad[:2 * D] += l2 * th[:2 * D]
        return loss, grad

    return minimize(f, np.zeros(2 * D + 2), jac=True, method="L-BFGS-B", options={"maxiter": 1000}).x


def predict(th, mask):
    p = X[mask] @ th[:D] + th[2 * D]; q = A[mask] @ th[D:2 * D] + th[2 * D + 1]
    return np.where(np.abs(p) > q, np.where(p > 0, 2, 0), 1)


def report(tag, th):
    out = []
    for name in ("dev", "test"):
        m = split == name
        acc, f1 = metrics(gold[m], predict(th, m))
        out.append(f"{name} acc {acc:.4f} F1 {f1:.4f}")
    print(tag, " | ".join(out), flush=True)


if __name__ == "__main__":
    g = gold[tr]
    cw = len(g) / (3 * np.bincount(g, minlength=3)); w = cw[g]
    onehot = np.eye(3)[g]
    print(D, "features")
    teacher = np.load(sys.argv[1]) if len(sys.argv) > 1 else None
    alphas = [float(a) for a in sys.argv[2:]] or [0.0]
    aw = float(os.environ.get("AUGW", "1"))
    for l2 in [float(x) for x in os.environ.get("L2S", "2e-4,5e-4").split(",")]:
        for a in alphas:
            T = onehot if teacher is None else (1 - a) * onehot + a * teacher
            if AUG:
                P = np.load(os.environ["AUGP"])
                T = np.concatenate([T, P]); ww = np.concatenate([w, aw * cw[P.argmax(1)]])
                m = tr | (split == "aug")
                report(f"l2={l2} alpha={a} aug w={aw}", fit(T, ww, l2, m))
            else:
                report(f"l2={l2} alpha={a}", fit(T, w, l2))
