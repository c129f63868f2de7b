"""Scores a SEntFiN-shaped TSV with a fine-tuned teacher checkpoint (finetune.py) and writes
its class probabilities (negative, neutral, positive) as .npy, one row per TSV data row.
Usage: teacher_label.py CHECKPOINT.pt IN.tsv OUT.npy"""
import sys
import numpy as np, torch
from teacher import Net, tokenizer

torch.set_num_threads(1)
ckpt, inp, out = sys.argv[1:4]
tok = tokenizer()
net = Net(); net.load_state_dict(torch.load(ckpt)); net.eval()
rows = [l.split("\t") for l in open(inp, encoding="utf-8").read().splitlines()[1:]]
probs = []
with torch.no_grad():
    for i in range(0, len(rows), 128):
        chunk = rows[i:i + 128]
        enc = tok([r[1] for r in chunk], [r[2] or "market" for r in chunk], padding=True,
                  truncation=True, max_length=80, return_tensors="pt")
        probs.append(torch.softmax(net(enc), -1).numpy())
np.save(out, np.concatenate(probs))
print(len(rows), "rows scored")
