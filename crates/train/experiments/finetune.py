"""Teacher ceiling: fine-tunes all-MiniLM-L6-v2 (a [CLS]-less mean-pooled head) on the train
split only, input "sentence [SEP] target", 1 CPU thread. Prints dev / own-test metrics after
each epoch and saves class probabilities to /tmp/s3ft_<tag>.npz.
Usage: finetune.py [epochs] [--fold K]  (--fold K: train on train minus CV fold K of 5 and
also predict that fold, for out-of-fold soft labels)."""
import sys, time, random
import numpy as np, torch
from teacher import Net, tokenizer
from data import load, fnv, metrics

torch.set_num_threads(1); torch.manual_seed(0); random.seed(0)
epochs = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 3
fold = int(sys.argv[sys.argv.index("--fold") + 1]) if "--fold" in sys.argv else None
tag = (f"fold{fold}" if fold is not None else "full") + (f"_e{epochs}" if epochs != 3 else "")

train, dev, test = load()
held = []
if fold is not None:
    held = [r for r in train if (fnv(r[0]) >> 32) % 5 == fold]
    train = [r for r in train if (fnv(r[0]) >> 32) % 5 != fold]
tok = tokenizer()


def batches(rows, bs):
    for i in range(0, len(rows), bs):
        chunk = rows[i:i + bs]
        enc = tok([t for t, _, _ in chunk], [e or "market" for _, e, _ in chunk], padding=True,
                  truncation=True, max_length=80, return_tensors="pt")
        yield enc, torch.tensor([c for *_, c in chunk])


def predict(net, rows):
    net.eval(); out = []
    with torch.no_grad():
        for enc, _ in batches(rows, 128):
            out.append(torch.softmax(net(enc), -1).numpy())
    net.train()
    return np.concatenate(out) if out else np.zeros((0, 3))


net = Net(); net.train()
opt = torch.optim.AdamW(net.parameters(), lr=5e-5, weight_decay=0.01)
steps = epochs * ((len(train) + 31) // 32)
sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, s / (0.06 * steps)) * max(0.0, (steps - s) / steps))
t0 = time.time()
for ep in range(epochs):
    order = train[:]; random.Random(ep).shuffle(order)
    for enc, y in batches(order, 32):
        loss = torch.nn.functional.cross_entropy(net(enc), y)
        opt.zero_grad(); loss.backward(); opt.step(); sched.step()
    res = {}
    for name, rows in (("dev", dev), ("test", test)):
        p = predict(net, rows); res[name] = p
        acc, f1 = metrics([c for *_, c in rows], p.argmax(1))
        print(f"{tag} epoch {ep + 1} {name}: acc {acc:.4f} macro-F1 {f1:.4f}  ({time.time() - t0:.0f} s)", flush=True)
res["held"] = predict(net, held)
np.savez(f"/tmp/s3ft_{tag}.npz", **res)
torch.save(net.state_dict(), f"/tmp/s3ft_{tag}.pt")
