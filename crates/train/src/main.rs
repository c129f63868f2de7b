//! `news-impact-train`: trains the sentiment model on SEntFiN and evaluates it against peers.
//!
//! - `news-impact-train model [--data PATH] [--out PATH] [--max-gzip BYTES] [--cv-errors PATH]`
//!   trains (deterministically) and writes `crates/engine/data/model.txt`: the best model by
//!   5-fold cross-validation on train whose gzip size is at most `--max-gzip` (default 8,000);
//!   `--cv-errors` also writes the chosen model's out-of-fold errors (for error analysis).
//! - `news-impact-train eval [--data PATH] [--testset PATH] [--model PATH] [--no-peers]` scores
//!   the dev split with the model compiled into the engine (or the `--model` file), prints accuracy / macro-F1 / per-class F1, then
//!   runs `bench/peers/eval-peers.mjs` (npm `sentiment`, `vader-sentiment`) on the same split.
//!
//! - `news-impact-train bench [--data PATH]` prints the scorer's native throughput.
//! - `news-impact-train explain --text T [--target E] [--model PATH]` prints a sentence's
//!   features with their two weights, and its cues.
//! - `news-impact-train dump [--out PATH]` writes every row's features as TSV (offline
//!   experiments).
//!
//! The dev split is 15% of headlines chosen by an FNV-1a hash of the lower-cased headline, so a
//! headline (with all its entity rows) is never on both sides.

use news_impact_engine::score::{features, locate_target, model, Model, BAND_RAW};
use std::collections::HashMap;
use std::process::{Command, ExitCode};

const DEFAULT_DATA: &str = "../shared/data/sentfin/sentfin_public.tsv";
const DEFAULT_OUT: &str = "crates/engine/data/model.txt";
const DEFAULT_TESTSET: &str = "crates/engine/tests/data/sentiment_test.jsonl";
/// Percentage of headlines in the dev split.
const DEV_PERCENT: u64 = 15;
/// Alpha Vantage neutral band edge.
const BAND: f32 = 0.15;
/// Weight quantum of the exported model.
const UNIT: f64 = 0.01;
/// Minimum number of training rows a feature must occur in.
const MIN_COUNT: usize = 2;
/// Candidate smallest exported |weight| in units (smaller weights are pruned; chosen on the
/// validation part of train, like L2). Pruning regularises and shrinks the model.
const PRUNE_LEVELS: &[i64] = &[4, 6, 8, 10, 12, 14, 16, 18, 20, 24, 30];
/// Candidate L2 strengths (per row of the mean loss).
const L2S: &[f64] = &[2e-4, 3e-4, 5e-4, 1e-3];
/// Number of cross-validation folds (by headline) used for tuning.
const FOLDS: u64 = 5;
/// Scale from logits (multinomial model) to raw units.
const SCALE: f64 = 0.3;
/// Default cap on the model's gzip size (bytes).
const MAX_GZIP: usize = 8_000;
/// Raw weight step of the pruning levels.
const PRUNE_QUANTUM: f64 = 0.005;
/// L-BFGS iteration limit.
const MAX_ITERS: usize = 400;

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

/// Cross-validation fold of a training headline (another slice of the same hash).
fn fold(text: &str) -> u64 {
    (fnv(text) >> 32) % FOLDS
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

/// One labelled sentence of the own test set.
struct TestRow {
    /// The sentence.
    text: String,
    /// The target as written, if any.
    target: Option<String>,
    /// Where the target is mentioned in the sentence.
    targets: Vec<news_impact_engine::analysis::Span>,
    /// The gold class (0 negative, 1 neutral, 2 positive).
    gold: usize,
}

/// Reads the own test set (JSONL lines `{"text", "target"?, "label"}`); `None` when the file
/// does not exist.
fn load_testset(path: &str) -> Result<Option<Vec<TestRow>>, String> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Ok(None);
    };
    let mut rows = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{path}: {e}"))?;
        let text = v["text"].as_str().unwrap_or_default().to_owned();
        let target = v["target"].as_str().map(str::to_owned);
        let targets = target
            .as_deref()
            .map(|g| locate_target(&text, g))
            .unwrap_or_default();
        let gold = class_of(v["label"].as_str().unwrap_or_default()).unwrap_or(1);
        rows.push(TestRow {
            text,
            target,
            targets,
            gold,
        });
    }
    Ok(Some(rows))
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

/// The two-score model, fitted as a multinomial logistic regression whose class logits are
/// `(−p, q, p)` for (negative, neutral, positive), with `p = bp + Σ P·value` and
/// `q = bq + Σ Q·|value|` (how polar a word makes a statement does not flip under negation).
/// Trained to convergence on the class-balanced log loss + L2 by L-BFGS (full batch, so the
/// result depends on no order or seed). Its argmax is exactly "polar iff |p| > q".
struct TwoScore {
    /// Polarity weights `P`.
    p: Vec<f64>,
    /// Neutral-margin weights `Q`.
    q: Vec<f64>,
    /// Biases `bp`, `bq`.
    b: [f64; 2],
}

/// Objective and gradient: mean class-weighted log loss + `l2[i]`/2 (P_i² + Q_i²) (biases not
/// penalised). `theta` is `[P (dims), Q (dims), bp, bq]`.
fn objective(
    ex: &[Example],
    dims: usize,
    cw: &[f64; 3],
    l2: &[f64],
    theta: &[f64],
    grad: &mut [f64],
) -> f64 {
    grad.iter_mut().for_each(|g| *g = 0.0);
    let n = ex.len().max(1) as f64;
    let mut loss = 0.0;
    for (x, y) in ex {
        let (mut p, mut q) = (theta[2 * dims], theta[2 * dims + 1]);
        for &(i, v) in x {
            p += theta[i] * v as f64;
            q += theta[dims + i] * (v as f64).abs();
        }
        let z = [-p, q, p];
        let mx = z.iter().copied().fold(f64::MIN, f64::max);
        let sum: f64 = z.iter().map(|&zk| (zk - mx).exp()).sum();
        let lse = mx + sum.ln();
        let c = cw[*y] / n;
        loss += c * (lse - z[*y]);
        let g: Vec<f64> = (0..3)
            .map(|k| c * ((z[k] - lse).exp() - if k == *y { 1.0 } else { 0.0 }))
            .collect();
        let (gp, gq) = (g[2] - g[0], g[1]);
        for &(i, v) in x {
            grad[i] += gp * v as f64;
            grad[dims + i] += gq * (v as f64).abs();
        }
        grad[2 * dims] += gp;
        grad[2 * dims + 1] += gq;
    }
    for j in 0..2 * dims {
        let r = l2[j % dims];
        loss += 0.5 * r * theta[j] * theta[j];
        grad[j] += r * theta[j];
    }
    loss
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Fits the multinomial model by L-BFGS (10 corrections, backtracking Armijo line search).
fn train(ex: &[Example], dims: usize, l2: &[f64]) -> TwoScore {
    let mut counts = [0usize; 3];
    for e in ex {
        counts[e.1] += 1;
    }
    let n = ex.len() as f64;
    let cw = [0, 1, 2].map(|k| n / (3.0 * counts[k].max(1) as f64));
    let len = 2 * dims + 2;
    let mut x = vec![0.0; len];
    let mut g = vec![0.0; len];
    let mut f = objective(ex, dims, &cw, l2, &x, &mut g);
    let mut hist: Vec<(Vec<f64>, Vec<f64>, f64)> = Vec::new();
    let mut xn = vec![0.0; len];
    let mut gn = vec![0.0; len];
    for iter in 0..MAX_ITERS {
        // Two-loop recursion: d = −H·g.
        let mut d: Vec<f64> = g.iter().map(|v| -v).collect();
        let mut alphas = Vec::with_capacity(hist.len());
        for (s, y, rho) in hist.iter().rev() {
            let a = rho * dot(s, &d);
            d.iter_mut().zip(y).for_each(|(di, yi)| *di -= a * yi);
            alphas.push(a);
        }
        if let Some((s, y, _)) = hist.last() {
            let gamma = dot(s, y) / dot(y, y);
            d.iter_mut().for_each(|di| *di *= gamma);
        } else {
            let norm = dot(&g, &g).sqrt().max(1e-12);
            d.iter_mut().for_each(|di| *di /= norm);
        }
        for ((s, y, rho), a) in hist.iter().zip(alphas.iter().rev()) {
            let bta = rho * dot(y, &d);
            d.iter_mut()
                .zip(s)
                .for_each(|(di, si)| *di += (a - bta) * si);
        }
        let slope = dot(&g, &d);
        if slope >= 0.0 {
            hist.clear();
            continue;
        }
        let mut step = 1.0;
        let mut fnew;
        loop {
            for j in 0..len {
                xn[j] = x[j] + step * d[j];
            }
            fnew = objective(ex, dims, &cw, l2, &xn, &mut gn);
            if fnew <= f + 1e-4 * step * slope || step < 1e-10 {
                break;
            }
            step *= 0.5;
        }
        let s: Vec<f64> = xn.iter().zip(&x).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = gn.iter().zip(&g).map(|(a, b)| a - b).collect();
        let sy = dot(&s, &y);
        if sy > 1e-12 {
            if hist.len() == 10 {
                hist.remove(0);
            }
            hist.push((s, y, 1.0 / sy));
        }
        let done = (f - fnew).abs() <= 1e-9 * f.abs().max(1.0);
        std::mem::swap(&mut x, &mut xn);
        std::mem::swap(&mut g, &mut gn);
        f = fnew;
        if done && iter > 10 {
            break;
        }
    }
    TwoScore {
        b: [x[2 * dims], x[2 * dims + 1]],
        q: x[dims..2 * dims].to_vec(),
        p: x[..dims].to_vec(),
    }
}

/// Writes the model text: the multinomial argmax is exactly "polar iff |p| > q" with
/// p = (z₊ − z₋)/2 and q = z₀ − (z₊ + z₋)/2, which the engine turns into one raw score
/// (see `score::Model`). Weights are scaled by `SCALE` and quantised to `UNIT`.
/// Weights below `prune` units are dropped.
fn export(m: &TwoScore, index: &HashMap<String, usize>, prune: i64) -> (String, usize) {
    let unit = UNIT;
    let q = |v: f64| (v * SCALE / unit).round() as i64;
    // Prune on the unquantised raw weight (levels are in multiples of PRUNE_QUANTUM).
    let keep = |v: f64| {
        if (v * SCALE).abs() >= (prune as f64 - 0.5) * PRUNE_QUANTUM {
            q(v)
        } else {
            0
        }
    };
    let mut lines: Vec<(&str, i64, i64)> = index
        .iter()
        .map(|(k, &i)| (k.as_str(), keep(m.p[i]), keep(m.q[i])))
        .filter(|&(_, p, n)| p != 0 || n != 0)
        .collect();
    lines.sort();
    let bias = q(m.b[0]);
    let neutral_raw = m.b[1] * SCALE - f64::from(BAND_RAW);
    let neutral = (neutral_raw / unit).round() as i64;
    let mut text = String::new();
    text.push_str("# news-impact sentiment model: trained on SEntFiN 1.0 (MIT) by `news-impact-train model`; see MODEL.md\n");
    text.push_str(&format!("unit {unit}\nbias {bias}\nneutral {neutral}\n"));
    // Keys front-coded against the previous key (see `Model::parse`): a smaller bundle.
    let mut prev: &str = "";
    for &(k, p, n) in &lines {
        let keep = k
            .chars()
            .zip(prev.chars())
            .take(9)
            .take_while(|(a, b)| a == b)
            .count();
        let rest: String = k.chars().skip(keep).collect();
        if n == 0 {
            text.push_str(&format!("{keep}{rest}\t{p}\n"));
        } else {
            text.push_str(&format!("{keep}{rest}\t{p}\t{n}\n"));
        }
        prev = k;
    }
    (text, lines.len())
}

/// Size of `text` compressed with gzip at the best level (the bundle is served gzipped).
fn gzip_len(text: &str) -> usize {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = enc.write_all(text.as_bytes());
    enc.finish().map(|v| v.len()).unwrap_or(usize::MAX)
}

/// Scores rows with a model text exactly as the engine will, as (gold, predicted) classes.
fn evaluate(text: &str, rows: &[&Row]) -> Vec<(usize, usize)> {
    let m = Model::parse(text);
    rows.iter()
        .map(|r| {
            let targets = locate_target(&r.text, &r.entity);
            (r.class, to_class(m.score(&r.text, 0, &targets).score))
        })
        .collect()
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

fn fit(rows: &[&Row], l2: f64) -> (TwoScore, HashMap<String, usize>) {
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
    let reg = vec![l2; kept.len()];
    let m = train(&ex, kept.len(), &reg);
    (m, kept)
}

/// Refits on `rows` with only the features that survive pruning at `prune` (so the kept
/// weights absorb what the pruned ones carried), then exports it.
fn refit_export(
    rows: &[&Row],
    l2: f64,
    m: &TwoScore,
    index: &HashMap<String, usize>,
    prune: i64,
) -> (String, usize) {
    let min = (prune as f64 - 0.5) * PRUNE_QUANTUM / SCALE;
    let mut keys: Vec<&String> = index
        .iter()
        .filter(|&(_, &i)| m.p[i].abs() >= min || m.q[i].abs() >= min)
        .map(|(k, _)| k)
        .collect();
    keys.sort();
    let mut kept: HashMap<String, usize> = keys
        .into_iter()
        .enumerate()
        .map(|(i, k)| (k.clone(), i))
        .collect();
    let ex = featurize(rows, &mut kept, false);
    let reg = vec![l2; kept.len()];
    let m2 = train(&ex, kept.len(), &reg);
    export(&m2, &kept, 1)
}

fn cmd_model(args: &[String]) -> Result<(), String> {
    let data = arg(args, "--data").unwrap_or_else(|| DEFAULT_DATA.to_owned());
    let out = arg(args, "--out").unwrap_or_else(|| DEFAULT_OUT.to_owned());
    let max_gzip: usize = match arg(args, "--max-gzip") {
        Some(v) => v.parse().map_err(|_| format!("bad --max-gzip {v}"))?,
        None => MAX_GZIP,
    };
    let rows = load(&data)?;
    let train_rows: Vec<&Row> = rows.iter().filter(|r| !is_dev(&r.text)).collect();
    eprintln!(
        "rows: {} train ({FOLDS} cross-validation folds by headline), {} dev held out",
        train_rows.len(),
        rows.len() - train_rows.len()
    );
    // Tune L2 and pruning by cross-validation on train only, scoring the exported text exactly
    // as the engine does (pooled over the folds). Candidates whose final model (fitted on all
    // of train) is over the size cap are skipped.
    let mut best: Option<(f64, f64, usize, i64)> = None;
    let mut full = Vec::new();
    for (li, &l2) in L2S.iter().enumerate() {
        let (m, index) = fit(&train_rows, l2);
        let sizes: Vec<(i64, usize, usize)> = PRUNE_LEVELS
            .iter()
            .map(|&prune| {
                let (text, nfeat) = refit_export(&train_rows, l2, &m, &index, prune);
                (prune, nfeat, gzip_len(&text))
            })
            .filter(|&(_, _, size)| size <= max_gzip)
            .collect();
        full.push((m, index));
        if sizes.is_empty() {
            continue;
        }
        let mut pooled = vec![Vec::new(); sizes.len()];
        for k in 0..FOLDS {
            let (fit_rows, held): (Vec<&Row>, Vec<&Row>) =
                train_rows.iter().partition(|r| fold(&r.text) != k);
            let (mk, ik) = fit(&fit_rows, l2);
            for (pairs, &(prune, _, _)) in pooled.iter_mut().zip(&sizes) {
                let text = refit_export(&fit_rows, l2, &mk, &ik, prune).0;
                pairs.extend(evaluate(&text, &held));
            }
        }
        for (pairs, &(prune, nfeat, size)) in pooled.iter().zip(&sizes) {
            let (acc, f1, _) = metrics(pairs);
            eprintln!(
                "  l2={l2:e} prune={prune:<3} {nfeat:>5} features {size:>6} B gzip: \
                 cross-validation accuracy={acc:.4} macro-F1={f1:.4}"
            );
            if best.is_none_or(|b| acc + f1 > b.0 + b.1 + 1e-9) {
                best = Some((acc, f1, li, prune));
            }
        }
    }
    let Some((acc, f1, li, prune)) = best else {
        return Err(format!(
            "no candidate model fits in {max_gzip} bytes of gzip"
        ));
    };
    eprintln!(
        "chosen: l2={:e} prune={prune} (cross-validation accuracy={acc:.4} macro-F1={f1:.4})",
        L2S[li]
    );
    if let Some(path) = arg(args, "--cv-errors") {
        // Out-of-fold errors of the chosen candidate, for error analysis without touching dev.
        let mut lines = String::new();
        for k in 0..FOLDS {
            let (fit_rows, held): (Vec<&Row>, Vec<&Row>) =
                train_rows.iter().partition(|r| fold(&r.text) != k);
            let (mk, ik) = fit(&fit_rows, L2S[li]);
            let text = refit_export(&fit_rows, L2S[li], &mk, &ik, prune).0;
            for (r, (gold, pred)) in held.iter().zip(evaluate(&text, &held)) {
                if gold != pred {
                    lines.push_str(&format!("{gold}\t{pred}\t{}\t{}\n", r.text, r.entity));
                }
            }
        }
        std::fs::write(&path, lines).map_err(|e| format!("cannot write {path}: {e}"))?;
    }
    let (m, index) = &full[li];
    let (text, nfeat) = refit_export(&train_rows, L2S[li], m, index, prune);
    std::fs::write(&out, &text).map_err(|e| format!("cannot write {out}: {e}"))?;
    eprintln!(
        "wrote {out}: {nfeat} features, {} bytes, {} bytes gzip",
        text.len(),
        gzip_len(&text)
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
    if std::env::var("EVAL_SCALE").is_ok() {
        let mut sums = [(0.0f64, 0usize); 3];
        for r in &dev {
            let s = score_sentence(&r.text, 0, &locate_target(&r.text, &r.entity)).score;
            let c = to_class(s);
            sums[c].0 += f64::from(s.abs());
            sums[c].1 += 1;
        }
        let mean = |k: usize| sums[k].0 / sums[k].1.max(1) as f64;
        println!(
            "mean |score| by predicted class: neg {:.3} neu {:.3} pos {:.3}",
            mean(0),
            mean(1),
            mean(2)
        );
    }
    if std::env::var("EVAL_ERRORS").is_ok() {
        for (r, (g, p)) in dev.iter().zip(&pairs) {
            if g != p {
                eprintln!("gold={g} pred={p}\t{}\t[{}]", r.text, r.entity);
            }
        }
    }
    let testset = arg(args, "--testset").unwrap_or_else(|| DEFAULT_TESTSET.to_owned());
    if let Some(rows) = load_testset(&testset)? {
        let mut pairs = Vec::new();
        for row in &rows {
            let pred = to_class(score_sentence(&row.text, 0, &row.targets).score);
            if std::env::var("EVAL_ERRORS").is_ok() && row.gold != pred {
                let (gold, t) = (row.gold, &row.text);
                eprintln!("TEST gold={gold} pred={pred}\t{t}\t[{:?}]", row.target);
            }
            pairs.push((row.gold, pred));
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

/// `dump`: writes every row's features (split, class, `key=value` list) as TSV, for offline
/// experiments with other learners.
fn cmd_dump(args: &[String]) -> Result<(), String> {
    let data = arg(args, "--data").unwrap_or_else(|| DEFAULT_DATA.to_owned());
    let rows = load(&data)?;
    let mut out = String::new();
    for r in &rows {
        let split = if is_dev(&r.text) {
            "dev"
        } else if fold(&r.text) == 0 {
            "val"
        } else {
            "inner"
        };
        let targets = locate_target(&r.text, &r.entity);
        let (tokens, feats) = features::extract(&r.text, &targets);
        out.push_str(&format!("{split}\t{}", r.class));
        for f in feats {
            out.push_str(&format!("\t{}={}", f.key.text(&tokens), f.value));
        }
        out.push('\n');
    }
    let testset = arg(args, "--testset").unwrap_or_else(|| DEFAULT_TESTSET.to_owned());
    for row in load_testset(&testset)?.unwrap_or_default() {
        let (tokens, feats) = features::extract(&row.text, &row.targets);
        let gold = row.gold;
        out.push_str(&format!("test\t{gold}"));
        for f in feats {
            out.push_str(&format!("\t{}={}", f.key.text(&tokens), f.value));
        }
        out.push('\n');
    }
    let path = arg(args, "--out").unwrap_or_else(|| "/tmp/features.tsv".to_owned());
    std::fs::write(&path, out).map_err(|e| format!("cannot write {path}: {e}"))
}

/// `explain --text T [--target E] [--model PATH]`: prints each feature with its polarity and
/// neutral weights, then the engine's cues (for error analysis).
fn cmd_explain(args: &[String]) -> Result<(), String> {
    let text = arg(args, "--text").ok_or("--text is required")?;
    let loaded = match arg(args, "--model") {
        Some(path) => Model::parse(
            &std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?,
        ),
        None => model().clone(),
    };
    let targets = arg(args, "--target")
        .map(|t| locate_target(&text, &t))
        .unwrap_or_default();
    let (tokens, feats) = features::extract(&text, &targets);
    println!("bias p={:.3} q={:.3}", loaded.bias, loaded.neutral_bias);
    for f in &feats {
        let key = f.key.text(&tokens);
        let w = loaded.weight_of(&key).unwrap_or_default();
        println!(
            "{key:<28} value={:+.2} p={:+.3} q={:+.3}",
            f.value, w.polarity, w.neutral
        );
    }
    let s = loaded.score(&text, 0, &targets);
    println!("score={:.3} raw={:.3} bias={:.3}", s.score, s.raw, s.bias);
    for c in &s.cues {
        println!("  {:+.3} {}", c.weight, c.text(&text));
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("model") => cmd_model(&args[1..]),
        Some("eval") => cmd_eval(&args[1..]),
        Some("bench") => cmd_bench(&args[1..]),
        Some("dump") => cmd_dump(&args[1..]),
        Some("explain") => cmd_explain(&args[1..]),
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
