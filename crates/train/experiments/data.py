"""Loads SEntFiN and the own test set with the trainer's exact split (FNV-1a of the trimmed,
lower-cased headline, mod 100 < 15 = dev), and marks the target in each sentence."""
import csv, json, os, re, sys

ROOT = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(ROOT, "..", "..", ".."))
DATA = os.environ.get("SENTFIN", os.path.join(REPO, "..", "shared", "data", "sentfin", "sentfin_public.tsv"))
TESTSET = os.path.join(REPO, "crates", "engine", "tests", "data", "sentiment_test.jsonl")
CLASSES = {"negative": 0, "neutral": 1, "positive": 2}


def fnv(text):
    h = 0xCBF29CE484222325
    for b in text.strip().lower().encode("utf-8"):
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def is_dev(text):
    return fnv(text) % 100 < 15


def _find(text, needle):
    if not needle:
        return []
    pat = r"(?<![^\W_])" + re.escape(needle) + r"(?![^\W_])"
    return [(m.start(), m.end()) for m in re.finditer(pat, text, re.IGNORECASE)]


def locate(text, target):
    """Spans of the target (case-insensitive, word boundaries), else of its leading words."""
    spans = _find(text, target)
    if spans:
        return spans
    words = target.split()
    for n in range(len(words) - 1, 0, -1):
        part = " ".join(words[:n]).rstrip("".join(c for c in set(target) if not c.isalnum()))
        if sum(c.isalnum() for c in part) < 3:
            break
        spans = _find(text, part)
        if spans:
            return spans
    return []


def mark(text, target, token="company"):
    """The sentence with every target mention replaced by `token` (target-aware input)."""
    spans = locate(text, target) if target else []
    out, last = [], 0
    for s, e in spans:
        out.append(text[last:s]); out.append(token); last = e
    out.append(text[last:])
    return "".join(out)


def load():
    """(train, dev, test): lists of (text, target, class)."""
    train, dev = [], []
    with open(DATA, encoding="utf-8") as f:
        for line in f.read().splitlines()[1:]:
            cols = line.split("\t")
            if len(cols) < 4 or cols[3].strip() not in CLASSES:
                continue
            row = (cols[1], cols[2], CLASSES[cols[3].strip()])
            (dev if is_dev(cols[1]) else train).append(row)
    test = []
    with open(TESTSET, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                v = json.loads(line)
                test.append((v["text"], v.get("target") or "", CLASSES.get(v["label"], 1)))
    return train, dev, test


def metrics(gold, pred):
    """(accuracy, macro-F1)."""
    acc = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    f1s = []
    for c in range(3):
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        fp = sum(g != c and p == c for g, p in zip(gold, pred))
        fn = sum(g == c and p != c for g, p in zip(gold, pred))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return acc, sum(f1s) / 3


if __name__ == "__main__":
    tr, dv, te = load()
    if "--train-tsv" in sys.argv:  # train rows as a SEntFiN-shaped TSV (for teacher_label.py)
        with open(sys.argv[sys.argv.index("--train-tsv") + 1], "w", encoding="utf-8") as f:
            f.write("id\ttext\tentity\tlabel\n" + "".join(f"0\t{t}\t{e}\t{c}\n" for t, e, c in tr))
    print(len(tr), "train", len(dv), "dev", len(te), "test")
    print(sum(not locate(t, e) for t, e, _ in tr), "train rows without a located target")
