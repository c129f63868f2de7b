//! External precision check on SEntFiN headlines (which name their entities): a linked
//! mention counts as supported when its text matches one of the headline's annotated
//! entities. Prints the unsupported ones for review.
//!
//! `cargo run -p news-impact-engine --example sentfin_precision -- ../shared/data/sentfin/sentfin_public.tsv`

use news_impact_engine::universe::{universe, Strength};
use news_impact_engine::{link, normalize, segment};
use std::collections::BTreeMap;
use std::collections::HashSet;

fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/sentfin/sentfin_public.tsv".into());
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {path}");
        std::process::exit(1);
    };
    let mut headlines: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in data.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() >= 3 {
            headlines
                .entry(f[1].to_owned())
                .or_default()
                .push(key(f[2]));
        }
    }
    // Annotated entities whose text is exactly a name in the universe: were they linked?
    let names: HashSet<String> = universe()
        .patterns
        .iter()
        .filter(|p| matches!(p.strength, Strength::Name | Strength::WeakName))
        .map(|p| key(p.canonical))
        .collect();
    let (mut known, mut found) = (0usize, 0usize);
    let (mut supported, mut unsupported) = (0usize, 0usize);
    for (text, annotated) in &headlines {
        let doc = normalize::normalize_parts("", [text.as_str()]);
        let spans = segment::segment(&doc);
        let linked = link::link(&doc, &spans, &[]);
        let keys: Vec<String> = linked
            .iter()
            .flat_map(|e| e.mentions.iter().map(|m| key(&doc.text[m.start..m.end])))
            .collect();
        for a in annotated.iter().filter(|a| names.contains(*a)) {
            known += 1;
            if keys.iter().any(|k| k == a) {
                found += 1;
            } else {
                println!("MISSED {a} | {text}");
            }
        }
        for e in linked {
            let ok = e.mentions.iter().any(|m| {
                let k = key(&doc.text[m.start..m.end]);
                annotated
                    .iter()
                    .any(|a| !k.is_empty() && (a.contains(&k) || k.contains(a.as_str())))
            });
            if ok {
                supported += 1;
            } else {
                unsupported += 1;
                let spans: Vec<&str> = e
                    .mentions
                    .iter()
                    .map(|m| &doc.text[m.start..m.end])
                    .collect();
                println!(
                    "UNSUPPORTED {} {:?} | {} | {:?}",
                    e.id, spans, text, annotated
                );
            }
        }
    }
    println!(
        "headlines {}  linked {}  supported {}  unsupported {}  supported share {:.4}",
        headlines.len(),
        supported + unsupported,
        supported,
        unsupported,
        supported as f64 / (supported + unsupported).max(1) as f64
    );
    println!(
        "annotated entities that are universe names {known}  linked {found}  share {:.4}",
        found as f64 / known.max(1) as f64
    );
}
