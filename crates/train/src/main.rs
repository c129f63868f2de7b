//! `news-impact-train`: trains the sentiment model on SEntFiN and evaluates it against peers.
//!
//! - `news-impact-train model [--data PATH] [--out PATH]` trains (deterministically) and writes
//!   `crates/engine/data/model.txt`.
//! - `news-impact-train eval [--data PATH] [--testset PATH] [--model PATH] [--no-peers]` scores
//!   the dev split with the model compiled into the engine (or the `--model` file), prints accuracy / macro-F1 / per-class F1, then
//!   runs `bench/peers/eval-peers.mjs` (npm `sentiment`, `vader-sentiment`) on the same split.
//!
//! - `news-impact-train bench [--data PATH]` prints the scorer's native throughput.
//!
//! The dev split is 15% of headlines chosen by an FNV-1a hash of the lower-cased headline, so a
//! headline (with all its entity rows) is never on both sides.

use news_impact_engine::score::{features, locate_target, model, Model};
use std::collections::HashMap;
use std::process::{Command, ExitCode};

const DEFAULT_DATA: &str = "../shared/data/sentfin/sentfin_public.tsv";
const DEFAULT_OUT: &str = "crates/engine/data/model.txt";
const DEFAULT_TESTSET: &str = "crates/engine/tests/data/sentiment_test.jsonl";
/// Percentage of headlines in the dev split.
const DEV_PERCENT: u64 = 15;
/// Percentage of training headlines held out for tuning (a split of train only).
const VAL_PERCENT: u64 = 15;
/// Alpha Vantage neutral band edge.
const BAND: f32 = 0.15;
/// Weight quantum of the exported model.
const UNIT: f32 = 0.005;
/// Minimum number of training rows a feature must occur in.
const MIN_COUNT: usize = 2;
/// Candidate smallest exported |weight| in units (smaller weights are pruned; chosen on the
/// validation part of train, like L2 and the band). Pruning regularises and shrinks the model.
const PRUNE_LEVELS: &[i64] = &[4, 6, 8, 10, 12, 16, 20];
/// Number of averaged training runs.
const BAGS: usize = 1;
/// Training epochs.
const EPOCHS: usize = EPOCHS_DEFAULT;
const EPOCHS_DEFAULT: usize = 4;

/// One labelled row: headline, entity, class (0 negative, 1 neutral, 2 positive).
struct Row {
    text: String,
    entity: String,
    class: usize,
}

fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.trim().to_lowercase().bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

fn is_dev(text: &str) -> bool {
    fnv(text) % 100 < DEV_PERCENT
}

fn is_val(text: &str) -> bool {
    (fnv(text) >> 32) % 100 < VAL_PERCENT
}

fn class_of(label: &str) -> Option<usize> {
    match label.trim() {
        "negative" => Some(0),
        "neutral" => Some(1),
        "positive" => Some(2),
        _ => None,
    }
}

fn load(path: &str) -> Result<Vec<Row>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let mut rows = Vec::new();
    for line in text.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 {
            continue;
        }
        if let Some(class) = class_of(cols[3]) {
            rows.push(Row {
                text: cols[1].to_owned(),
                entity: cols[2].to_owned(),
                class,
            });
        }
    }
    Ok(rows)
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

/// Sparse example: (feature index, value), class.
type Example = (Vec<(usize, f32)>, usize);

fn featurize(rows: &[&Row], index: &mut HashMap<String, usize>, grow: bool) -> Vec<Example> {
    rows.iter()
        .map(|r| {
            let targets = locate_target(&r.text, &r.entity);
            let (tokens, feats) = features::extract(&r.text, &targets);
            let mut acc: HashMap<usize, f32> = HashMap::new();
            let drop = std::env::var("DROP").unwrap_or_default();
            for f in feats {
                let key = f.key.text(&tokens);
                if !drop.is_empty() && drop.split(',').any(|p| key.starts_with(p)) {
                    continue;
                }
                let next = index.len();
                let id = if grow {
                    *index.entry(key).or_insert(next)
                } else {
                    match index.get(&key) {
                        Some(&i) => i,
                        None => continue,
                    }
                };
                *acc.entry(id).or_default() += f.value;
            }
            let mut v: Vec<(usize, f32)> = acc.into_iter().collect();
            v.sort_unstable_by_key(|p| p.0);
            (v, r.class)
        })
        .collect()
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Ordinal logistic model: z = w·x + b; P(y ≤ neg) = σ(−t − z), P(y ≤ neutral) = σ(t − z).
struct Ordinal {
    w: Vec<f64>,
    b: f64,
    t: f64,
}

/// Averages the weights of [`BAGS`] runs with different shuffles (still one linear model).
fn train(examples: &[Example], dims: usize, l2: f64) -> Ordinal {
    let bags: usize = std::env::var("BAGS")
        .ok()
        .and_then(|e| e.parse().ok())
        .unwrap_or(BAGS);
    let mut avg = Ordinal {
        w: vec![0.0; dims],
        b: 0.0,
        t: 0.0,
    };
    for k in 0..bags {
        let m = train_one(
            examples,
            dims,
            l2,
            0x9e3779b97f4a7c15 ^ (k as u64 * 0x2545f4914f6cdd1d),
        );
        for (a, w) in avg.w.iter_mut().zip(&m.w) {
            *a += w / bags as f64;
        }
        avg.b += m.b / bags as f64;
        avg.t += m.t / bags as f64;
    }
    avg
}

fn train_one(examples: &[Example], dims: usize, l2: f64, seed: u64) -> Ordinal {
    let mut m = Ordinal {
        w: vec![0.0; dims],
        b: 0.0,
        t: 1.0,
    };
    let mut gsq = vec![1e-8; dims];
    let (mut gb, mut gt) = (1e-8, 1e-8);
    let mut counts = [0usize; 3];
    for e in examples {
        counts[e.1] += 1;
    }
    let n = examples.len() as f64;
    let cw: Vec<f64> = counts
        .iter()
        .map(|&c| n / (3.0 * c.max(1) as f64))
        .collect();
    let lr = 0.2;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut seed = seed;
    let epochs = std::env::var("EPOCHS")
        .ok()
        .and_then(|e| e.parse().ok())
        .unwrap_or(EPOCHS);
    for _ in 0..epochs {
        // Deterministic Fisher–Yates shuffle.
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &k in &order {
            let (x, y) = &examples[k];
            let z: f64 = m.b + x.iter().map(|&(i, v)| m.w[i] * v as f64).sum::<f64>();
            let (dz, dt) = match y {
                0 => {
                    let p = sigmoid(-m.t - z);
                    (1.0 - p, 1.0 - p)
                }
                2 => {
                    let p = sigmoid(z - m.t);
                    (-(1.0 - p), 1.0 - p)
                }
                _ => {
                    let p2 = sigmoid(m.t - z);
                    let p1 = sigmoid(-m.t - z);
                    let d = (p2 - p1).max(1e-9);
                    let (a2, a1) = (p2 * (1.0 - p2), p1 * (1.0 - p1));
                    ((a2 - a1) / d, -(a2 + a1) / d)
                }
            };
            let c = cw[*y];
            for &(i, v) in x {
                let g = c * dz * v as f64 + l2 * m.w[i];
                gsq[i] += g * g;
                m.w[i] -= lr * g / gsq[i].sqrt();
            }
            let g = c * dz;
            gb += g * g;
            m.b -= lr * g / gb.sqrt();
            let g = c * dt;
            gt += g * g;
            m.t = (m.t - lr * g / gt.sqrt()).max(0.05);
        }
    }
    m
}

fn predict(m: &Ordinal, x: &[(usize, f32)], center: f64, half: f64) -> usize {
    predict_pruned(m, x, center, half, 0.0)
}

/// Predicts with weights smaller than `min_w` (in |w|) dropped, as the exported model does.
fn predict_pruned(m: &Ordinal, x: &[(usize, f32)], center: f64, half: f64, min_w: f64) -> usize {
    let z: f64 = m.b
        + x.iter()
            .filter(|&&(i, _)| m.w[i].abs() >= min_w)
            .map(|&(i, v)| m.w[i] * v as f64)
            .sum::<f64>()
        - center;
    if z <= -half {
        0
    } else if z >= half {
        2
    } else {
        1
    }
}

/// Accuracy, macro-F1 and per-class F1 (negative, neutral, positive).
fn metrics(pairs: &[(usize, usize)]) -> (f64, f64, [f64; 3]) {
    let mut tp = [0f64; 3];
    let mut fp = [0f64; 3];
    let mut fnn = [0f64; 3];
    let mut correct = 0f64;
    for &(gold, pred) in pairs {
        if gold == pred {
            tp[gold] += 1.0;
            correct += 1.0;
        } else {
            fp[pred] += 1.0;
            fnn[gold] += 1.0;
        }
    }
    let mut f1 = [0f64; 3];
    for c in 0..3 {
        let p = tp[c] / (tp[c] + fp[c]).max(1.0);
        let r = tp[c] / (tp[c] + fnn[c]).max(1.0);
        f1[c] = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
    }
    (
        correct / pairs.len().max(1) as f64,
        f1.iter().sum::<f64>() / 3.0,
        f1,
    )
}

fn print_metrics(name: &str, pairs: &[(usize, usize)]) {
    let (acc, macro_f1, f1) = metrics(pairs);
    println!(
        "{name:<18} n={:<5} accuracy={acc:.4} macro-F1={macro_f1:.4} F1[neg]={:.4} F1[neu]={:.4} F1[pos]={:.4}",
        pairs.len(),
        f1[0],
        f1[1],
        f1[2]
    );
}

fn fit(rows: &[&Row], l2: f64) -> (Ordinal, HashMap<String, usize>, Vec<Example>) {
    let mut index = HashMap::new();
    let ex = featurize(rows, &mut index, true);
    // Drop rare features: re-index those seen in at least MIN_COUNT rows.
    let mut df = vec![0usize; index.len()];
    for (x, _) in &ex {
        for &(i, _) in x {
            df[i] += 1;
        }
    }
    let mut keys: Vec<(String, usize)> = index.into_iter().collect();
    keys.sort();
    let mut kept = HashMap::new();
    for (k, i) in keys {
        if df[i] >= MIN_COUNT {
            let next = kept.len();
            kept.insert(k, next);
        }
    }
    let ex = featurize(rows, &mut kept, false);
    let m = train(&ex, kept.len(), l2);
    (m, kept, ex)
}

fn cmd_model(args: &[String]) -> Result<(), String> {
    let data = arg(args, "--data").unwrap_or_else(|| DEFAULT_DATA.to_owned());
    let out = arg(args, "--out").unwrap_or_else(|| DEFAULT_OUT.to_owned());
    let rows = load(&data)?;
    let train_rows: Vec<&Row> = rows.iter().filter(|r| !is_dev(&r.text)).collect();
    let inner: Vec<&Row> = train_rows
        .iter()
        .copied()
        .filter(|r| !is_val(&r.text))
        .collect();
    let val: Vec<&Row> = train_rows
        .iter()
        .copied()
        .filter(|r| is_val(&r.text))
        .collect();
    eprintln!(
        "rows: {} train ({} inner + {} validation), {} dev held out",
        train_rows.len(),
        inner.len(),
        val.len(),
        rows.len() - train_rows.len()
    );
    // Tune L2 and the band (centre, half-width) on the validation part of train only.
    let mut best = (f64::MIN, 0.0, 0.0, 1.0, PRUNE_LEVELS[0]);
    let l2s = arg(args, "--l2")
        .map(|s| vec![s.parse::<f64>().unwrap_or(1e-4)])
        .unwrap_or_else(|| vec![1e-4, 1e-3, 3e-3, 1e-2, 3e-2]);
    for &l2 in &l2s {
        let (m, mut index, _) = fit(&inner, l2);
        let vx = featurize(&val, &mut index, false);
        for &prune in PRUNE_LEVELS {
            for ci in -4..=4 {
                for hi in 6..=14 {
                    let center = ci as f64 * 0.1 * m.t;
                    let half = hi as f64 * 0.1 * m.t;
                    // The exported weight quantum in z units for this band.
                    let s = (BAND as f64).atanh() / half;
                    let min_w = (prune as f64 - 0.5) * UNIT as f64 / s;
                    let pairs: Vec<(usize, usize)> = vx
                        .iter()
                        .map(|(x, y)| (*y, predict_pruned(&m, x, center, half, min_w)))
                        .collect();
                    let (acc, f1, _) = metrics(&pairs);
                    let obj = f1 + acc;
                    if obj > best.0 + 1e-9 {
                        best = (obj, l2, ci as f64 * 0.1, hi as f64 * 0.1, prune);
                    }
                }
            }
        }
        let pairs: Vec<(usize, usize)> = vx
            .iter()
            .map(|(x, y)| (*y, predict(&m, x, 0.0, m.t)))
            .collect();
        print_metrics(&format!("val l2={l2:e}"), &pairs);
        if std::env::var("TRAIN_FIT").is_ok() {
            let tx = featurize(&inner, &mut index, false);
            let pairs: Vec<(usize, usize)> = tx
                .iter()
                .map(|(x, y)| (*y, predict(&m, x, 0.0, m.t)))
                .collect();
            print_metrics("  (fit on train)", &pairs);
        }
    }
    let (_, l2, cfrac, hfrac, prune) = best;
    eprintln!(
        "chosen: l2={l2:e} centre={cfrac:.1}·t half-width={hfrac:.1}·t prune=|q|>={prune} \
         (validation accuracy + macro-F1 = {:.4})",
        best.0
    );
    let (m, index, _) = fit(&train_rows, l2);
    let center = cfrac * m.t;
    let half = hfrac * m.t;
    // Scale so that z − centre = ±half maps to raw = ±atanh(0.15).
    let s = (BAND as f64).atanh() / half;
    let mut lines: Vec<(String, i64)> = index
        .iter()
        .map(|(k, &i)| (k.clone(), (m.w[i] * s / UNIT as f64).round() as i64))
        .filter(|(_, q)| q.abs() >= prune)
        .collect();
    lines.sort();
    let bias = ((m.b - center) * s / UNIT as f64).round() as i64;
    let mut text = String::new();
    text.push_str("# news-impact sentiment model: trained on SEntFiN 1.0 (MIT) by `news-impact-train model`; see MODEL.md\n");
    text.push_str(&format!("unit {UNIT}\nbias {bias}\n"));
    // Keys front-coded against the previous key (see `Model::parse`): a smaller bundle.
    let mut prev: &str = "";
    for (k, q) in &lines {
        let keep = k
            .chars()
            .zip(prev.chars())
            .take(9)
            .take_while(|(a, b)| a == b)
            .count();
        let rest: String = k.chars().skip(keep).collect();
        text.push_str(&format!("{keep}{rest}\t{q}\n"));
        prev = k;
    }
    std::fs::write(&out, &text).map_err(|e| format!("cannot write {out}: {e}"))?;
    eprintln!(
        "wrote {out}: {} features, {} bytes (t={:.3}, b={:.3})",
        lines.len(),
        text.len(),
        m.t,
        m.b
    );
    Ok(())
}

fn to_class(score: f32) -> usize {
    if score >= BAND {
        2
    } else if score <= -BAND {
        0
    } else {
        1
    }
}

fn cmd_eval(args: &[String]) -> Result<(), String> {
    let data = arg(args, "--data").unwrap_or_else(|| DEFAULT_DATA.to_owned());
    // `--model PATH` evaluates a model file instead of the one compiled into the engine.
    let loaded = match arg(args, "--model") {
        Some(path) => Some(Model::parse(
            &std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?,
        )),
        None => None,
    };
    let m: &Model = loaded.as_ref().unwrap_or_else(|| model());
    let score_sentence =
        |text: &str, base: usize, targets: &[news_impact_engine::analysis::Span]| {
            m.score(text, base, targets)
        };
    let rows = load(&data)?;
    let dev: Vec<&Row> = rows.iter().filter(|r| is_dev(&r.text)).collect();
    let pairs: Vec<(usize, usize)> = dev
        .iter()
        .map(|r| {
            let targets = locate_target(&r.text, &r.entity);
            (
                r.class,
                to_class(score_sentence(&r.text, 0, &targets).score),
            )
        })
        .collect();
    println!(
        "SEntFiN dev split ({}% of headlines by FNV-1a hash)",
        DEV_PERCENT
    );
    print_metrics("news-impact", &pairs);
    if std::env::var("EVAL_ERRORS").is_ok() {
        for (r, (g, p)) in dev.iter().zip(&pairs) {
            if g != p {
                eprintln!("gold={g} pred={p}\t{}\t[{}]", r.text, r.entity);
            }
        }
    }
    let testset = arg(args, "--testset").unwrap_or_else(|| DEFAULT_TESTSET.to_owned());
    if let Ok(text) = std::fs::read_to_string(&testset) {
        let mut pairs = Vec::new();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value =
                serde_json::from_str(line).map_err(|e| format!("{testset}: {e}"))?;
            let t = v["text"].as_str().unwrap_or_default();
            let targets = v["target"]
                .as_str()
                .map(|g| locate_target(t, g))
                .unwrap_or_default();
            let gold = class_of(v["label"].as_str().unwrap_or_default()).unwrap_or(1);
            let pred = to_class(score_sentence(t, 0, &targets).score);
            if std::env::var("EVAL_ERRORS").is_ok() && gold != pred {
                eprintln!("TEST gold={gold} pred={pred}\t{t}\t[{:?}]", v["target"]);
            }
            pairs.push((gold, pred));
        }
        println!("Own test set ({testset})");
        print_metrics("news-impact", &pairs);
    }
    if args.iter().any(|a| a == "--no-peers") {
        return Ok(());
    }
    let path = std::env::temp_dir().join(format!("news-impact-dev-{}.jsonl", std::process::id()));
    let mut jsonl = String::new();
    for r in &dev {
        let label = ["negative", "neutral", "positive"][r.class];
        jsonl.push_str(&serde_json::json!({"text": r.text, "label": label}).to_string());
        jsonl.push('\n');
    }
    std::fs::write(&path, jsonl).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("Peers on the same SEntFiN dev split");
    let _ = std::io::Write::flush(&mut std::io::stdout());
    let status = Command::new("node")
        .arg("bench/peers/eval-peers.mjs")
        .arg(&path)
        .status();
    let _ = std::fs::remove_file(&path);
    if matches!(status, Ok(s) if s.success()) && std::path::Path::new(&testset).exists() {
        println!("Peers on the own test set");
        let _ = std::io::Write::flush(&mut std::io::stdout());
        let status = Command::new("node")
            .arg("bench/peers/eval-peers.mjs")
            .arg(&testset)
            .status();
        if !matches!(status, Ok(s) if s.success()) {
            return Err("peer evaluation of the test set failed".to_owned());
        }
    }
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!("peer evaluation failed ({s}); run `npm ci` first")),
        Err(e) => Err(format!("cannot run node for the peer evaluation: {e}")),
    }
}

/// `bench`: scores every SEntFiN row toward its entity several times and prints the median
/// throughput in sentences per second (the engine only: no JSON, no I/O).
fn cmd_bench(args: &[String]) -> Result<(), String> {
    let data = arg(args, "--data").unwrap_or_else(|| DEFAULT_DATA.to_owned());
    let rows = load(&data)?;
    let inputs: Vec<(&str, Vec<news_impact_engine::analysis::Span>)> = rows
        .iter()
        .map(|r| (r.text.as_str(), locate_target(&r.text, &r.entity)))
        .collect();
    let m = model();
    let mut rates = Vec::new();
    let mut sink = 0.0f32;
    for _ in 0..7 {
        let start = std::time::Instant::now();
        for (text, targets) in &inputs {
            sink += m.score(text, 0, targets).score;
        }
        rates.push(inputs.len() as f64 / start.elapsed().as_secs_f64());
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "score_sentence: {} sentences x 7 runs: median {:.0} sentences/s (min {:.0}, max {:.0}) [checksum {sink:.3}]",
        inputs.len(),
        rates[3],
        rates[0],
        rates[6]
    );
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("model") => cmd_model(&args[1..]),
        Some("eval") => cmd_eval(&args[1..]),
        Some("bench") => cmd_bench(&args[1..]),
        _ => Err("usage: news-impact-train (model|eval|bench) [--data PATH] [--out PATH] [--testset PATH] [--model PATH] [--no-peers]".to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("news-impact-train: {e}");
            ExitCode::FAILURE
        }
    }
}
