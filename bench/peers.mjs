// Times the npm peers (`sentiment`, `vader-sentiment`) on the same headlines as the engine
// benchmark, in this process: prints headlines/s as median, min and max over several runs.
// usage: node bench/peers.mjs HEADLINES.txt [runs]
import fs from 'node:fs';
import Sentiment from 'sentiment';
import vader from 'vader-sentiment';

const [file, runsArg] = process.argv.slice(2);
const headlines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
const runs = Number(runsArg || 9);
const sentiment = new Sentiment();

function time(fn) {
  const rates = [];
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    let sink = 0;
    for (const h of headlines) sink += fn(h);
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    if (Number.isNaN(sink)) throw new Error('unreachable');
    rates.push(headlines.length / secs);
  }
  rates.sort((a, b) => a - b);
  return { median: rates[Math.floor(runs / 2)], min: rates[0], max: rates[runs - 1] };
}

time((h) => sentiment.analyze(h).comparative); // warm-up
const out = {
  headlines: headlines.length,
  runs,
  sentiment: time((h) => sentiment.analyze(h).comparative),
  'vader-sentiment': time((h) => vader.SentimentIntensityAnalyzer.polarity_scores(h).compound),
};
console.log(JSON.stringify(out));
