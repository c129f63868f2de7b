// Scores the npm peers `sentiment` and `vader-sentiment` on a labelled JSONL file
// ({"text", "label": "positive"|"neutral"|"negative"} per line) and prints accuracy, macro-F1
// and per-class F1 in the same format as `news-impact-train eval`.
//
// Mapping to three classes:
// - `sentiment` (AFINN-165): the sign of `score` (equivalently of `comparative`, which is
//   score / tokens): > 0 positive, < 0 negative, 0 neutral.
// - `vader-sentiment`: `compound` >= 0.05 positive, <= -0.05 negative, otherwise neutral.
//
// Usage: node bench/peers/eval-peers.mjs FILE.jsonl
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Sentiment = require('sentiment');
const vader = require('vader-sentiment');

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/peers/eval-peers.mjs FILE.jsonl');
  process.exit(2);
}
const rows = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));
const CLASSES = ['negative', 'neutral', 'positive'];

function report(name, predict) {
  const tp = [0, 0, 0];
  const fp = [0, 0, 0];
  const fn = [0, 0, 0];
  let correct = 0;
  for (const r of rows) {
    const gold = CLASSES.indexOf(r.label);
    const pred = CLASSES.indexOf(predict(r.text));
    if (gold === pred) {
      tp[gold] += 1;
      correct += 1;
    } else {
      fp[pred] += 1;
      fn[gold] += 1;
    }
  }
  const f1 = [0, 1, 2].map((c) => {
    const p = tp[c] / Math.max(tp[c] + fp[c], 1);
    const r = tp[c] / Math.max(tp[c] + fn[c], 1);
    return p + r > 0 ? (2 * p * r) / (p + r) : 0;
  });
  const macro = (f1[0] + f1[1] + f1[2]) / 3;
  const acc = correct / Math.max(rows.length, 1);
  console.log(
    `${name.padEnd(18)} n=${String(rows.length).padEnd(5)} accuracy=${acc.toFixed(4)} ` +
      `macro-F1=${macro.toFixed(4)} F1[neg]=${f1[0].toFixed(4)} F1[neu]=${f1[1].toFixed(4)} ` +
      `F1[pos]=${f1[2].toFixed(4)}`,
  );
}

const afinn = new Sentiment();
report('npm sentiment', (text) => {
  const s = afinn.analyze(text).score;
  return s > 0 ? 'positive' : s < 0 ? 'negative' : 'neutral';
});
report('vader-sentiment', (text) => {
  const c = vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
  return c >= 0.05 ? 'positive' : c <= -0.05 ? 'negative' : 'neutral';
});
