#!/usr/bin/env bash
# Checks that the working tree's engine gives byte-identical output to a base commit (default:
# main; it must have the `headlines` example, 58943b2 or later), as every speed step must
# (BENCHMARKS-speed*.md). Usage: scripts/same-output.sh [BASE]
#
# Builds the CLI and the `headlines` example at BASE (in a throwaway worktree under
# target/same-output/) and in the working tree, then compares, byte for byte: the analyses of
# the 748 benchmark headlines (each as its own article), a 1 MB article made of them, the
# repo's example articles, and, when ../shared/data/sentfin is there, `news-impact score` on
# 10,000 SEntFiN lines with targets and two long SEntFiN articles (one with non-ASCII text).
# Prints `same` or `DIFFER` per input; exits 1 if anything differs.
set -euo pipefail
base=${1:-main}
root=$(git rev-parse --show-toplevel)
work=$root/target/same-output
mkdir -p "$work/in"

# Inputs (deterministic, rebuilt each time).
python3 - "$root" "$work/in" <<'PY'
import csv, json, os, sys
root, out = sys.argv[1], sys.argv[2]
heads = [l for l in open(f"{root}/bench/headlines.txt", encoding="utf-8").read().split("\n") if l.strip()]
paras, cur, total, i = [], "", 0, 0
while total + len(cur) < 1_000_000:
    cur += (" " if cur else "") + heads[i % len(heads)]
    i += 1
    if len(cur) >= 600:
        total += len(cur) + 2
        paras.append(cur)
        cur = ""
json.dump({"title": "Markets wrap", "body": paras}, open(f"{out}/1mb.json", "w"))
tsv = f"{root}/../shared/data/sentfin/sentfin_public.tsv"
if os.path.exists(tsv):
    rows = list(csv.DictReader(open(tsv, encoding="utf-8"), delimiter="\t"))
    with open(f"{out}/score.jsonl", "w", encoding="utf-8") as f:
        for r in rows[:10_000]:
            f.write(json.dumps({"text": r["text"], "target": r["entity"]}) + "\n")
    texts = [r["text"] for r in rows]
    def article(lines, title):
        return {"title": title, "body": [" ".join(lines[k:k + 5]) for k in range(0, len(lines), 5)]}
    plain = [t if t.endswith(".") else t + "." for t in texts[:4000]]
    json.dump(article(plain, "SEntFiN wrap"), open(f"{out}/sentfin-ascii.json", "w"))
    def unusual(k, t):
        t = t.replace("'", "\u2019").replace("Rs ", "\u20b9 ").replace(" - ", " \u2014 ")
        if k % 3 == 0:
            t = "\u201c" + t + "\u201d"
        if k % 5 == 0:
            t = t.replace("e", "\u00e9", 1)
        return t + "."
    odd = [unusual(k, t) for k, t in enumerate(texts[4000:7000])]
    json.dump(article(odd, "March\u00e9s : l\u2019essentiel"), open(f"{out}/sentfin-unicode.json", "w"), ensure_ascii=False)
PY

# Outputs of one tree into a directory.
run() {
  local tree=$1 target=$2 dir=$3
  mkdir -p "$dir"
  (cd "$tree" && CARGO_TARGET_DIR=$target cargo build -q --release -p news-impact-cli \
    && CARGO_TARGET_DIR=$target cargo build -q --release -p news-impact-engine --example headlines)
  "$target/release/examples/headlines" --dump > "$dir/headlines.jsonl"
  local f
  for f in "$work"/in/*.json "$root"/www/articles/*.json "$root"/www/examples/*.json; do
    "$target/release/news-impact" analyze "$f" > "$dir/$(basename "$f").out" 2>&1 || true
  done
  if [ -f "$work/in/score.jsonl" ]; then
    "$target/release/news-impact" score "$work/in/score.jsonl" > "$dir/score.out"
  fi
}

rm -rf "$work/base-tree"
git -C "$root" worktree prune
git -C "$root" worktree add -q --detach "$work/base-tree" "$base"
trap 'git -C "$root" worktree remove --force "$work/base-tree"' EXIT
run "$work/base-tree" "$root/target/same-output-base" "$work/base"
run "$root" "$root/target" "$work/head"

status=0
for f in "$work"/base/*; do
  name=$(basename "$f")
  if cmp -s "$f" "$work/head/$name"; then
    echo "same    $name"
  else
    echo "DIFFER  $name"
    status=1
  fi
done
exit $status
