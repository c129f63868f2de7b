"""Self-generated unlabeled rows for distillation: perturbed copies of TRAIN rows only (never
dev). Per row, K variants: each non-target word dropped with p=0.15 or swapped for a random
train word with p=0.1, and with p=0.3 a contiguous window (>= 60% of the words) that keeps
every target mention. Writes a SEntFiN-shaped TSV (label column = "neutral", ignored).
Usage: augment.py K OUT.tsv"""
import random, sys
from data import load, locate

K, out = int(sys.argv[1]), sys.argv[2]
train, _, _ = load()
rng = random.Random(7)
vocab = [w for t, _, _ in train for w in t.split()]
lines = ["id\ttext\tentity\tlabel"]
for t, e, _ in train:
    spans = locate(t, e)
    words, pos = [], 0
    for w in t.split(" "):
        s = t.find(w, pos); pos = s + len(w)
        words.append((w, any(a < pos and s < b for a, b in spans)))
    for _ in range(K):
        ws = words
        if rng.random() < 0.3 and len(ws) > 5:
            n = max(3, int(len(ws) * rng.uniform(0.6, 0.9)))
            tpos = [i for i, (_, m) in enumerate(ws) if m] or [0]
            lo_max, lo_min = min(tpos), max(0, max(tpos) - n + 1)
            lo = rng.randint(lo_min, max(lo_min, min(lo_max, len(ws) - n)))
            ws = ws[lo:lo + n]
        new = []
        for w, m in ws:
            r = rng.random()
            if m or r >= 0.25:
                new.append(w)
            elif r >= 0.15:
                new.append(rng.choice(vocab))
        text = " ".join(new)
        if text != t and locate(text, e):
            lines.append(f"0\t{text}\t{e}\tneutral")
open(out, "w", encoding="utf-8").write("\n".join(lines) + "\n")
print(len(lines) - 1, "rows")
