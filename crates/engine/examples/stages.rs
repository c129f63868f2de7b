//! Throwaway: per-stage timing on an article JSON file (not committed).
use news_impact_engine::*;
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    if path == "h" {
        headlines();
        return;
    }
    let json = std::fs::read_to_string(path).unwrap();
    let art = Article::from_json(&json).unwrap();
    for _ in 0..3 {
        let t0 = Instant::now();
        let doc = normalize::normalize(&art);
        let t1 = Instant::now();
        let spans = segment::segment(&doc);
        let t2 = Instant::now();
        let linked = link::link(&doc, &spans, &art.tickers);
        let t3 = Instant::now();
        let m = score::model();
        let toks: Vec<_> = spans
            .iter()
            .map(|s| m.tokenize(&doc.text[s.start..s.end]))
            .collect();
        let tt = Instant::now();
        let mut sc = score::Scorer::new(m);
        let mut n = 0.0;
        for (s, t) in spans.iter().zip(&toks) {
            n += sc.score(&doc.text[s.start..s.end], t, s.start, &[]).raw;
        }
        let t4 = Instant::now();
        println!("tokenize {:?}", tt - t3);
        let ents = aggregate::entity_impacts(&doc, &spans, &toks, &mut sc, linked);
        let t5 = Instant::now();
        let a = analyze(&art);
        let t6 = Instant::now();
        println!("bytes {} sents {} ents {} | norm {:?} seg {:?} link {:?} score0 {:?} agg {:?} | total {:?} {}", doc.text.len(), spans.len(), ents.len(), t1-t0, t2-t1, t3-t2, t4-t3, t5-t4, t6-t5, n + a.entities.len() as f32);
    }
}
#[allow(dead_code)]
pub fn headlines() {
    let text = std::fs::read_to_string("bench/headlines.txt").unwrap();
    let arts: Vec<Article> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|h| Article {
            title: h.into(),
            ..Article::default()
        })
        .collect();
    for _ in 0..3 {
        let mut t = [std::time::Duration::ZERO; 6];
        let mut cnt = 0usize;
        for art in &arts {
            let t0 = Instant::now();
            let doc = normalize::normalize(art);
            let t1 = Instant::now();
            let spans = segment::segment(&doc);
            let t2 = Instant::now();
            let linked = link::link(&doc, &spans, &art.tickers);
            let t3 = Instant::now();
            let m = score::model();
            let toks: Vec<_> = spans
                .iter()
                .map(|s| m.tokenize(&doc.text[s.start..s.end]))
                .collect();
            let mut sc = score::Scorer::new(m);
            for (s, t) in spans.iter().zip(&toks) {
                cnt += sc
                    .score(&doc.text[s.start..s.end], t, s.start, &[])
                    .cues
                    .len();
            }
            let t4 = Instant::now();
            let ents = aggregate::entity_impacts(&doc, &spans, &toks, &mut sc, linked);
            let t5 = Instant::now();
            let a = analyze(art);
            let t6 = Instant::now();
            cnt += ents.len() + a.entities.len();
            for (k, d) in [t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5]
                .into_iter()
                .enumerate()
            {
                t[k] += d;
            }
        }
        let n = arts.len() as u32;
        println!(
            "per headline: norm {:?} seg {:?} link {:?} score0 {:?} agg {:?} | total {:?} ({cnt})",
            t[0] / n,
            t[1] / n,
            t[2] / n,
            t[3] / n,
            t[4] / n,
            t[5] / n
        );
    }
}
