//! Invariants every analysis must satisfy, shared by the fuzz targets.

use news_impact_engine::{analyze, Article};

/// Analyses `article` and checks scores and spans; with `twice`, also that a second analysis is
/// identical (determinism). Panics on a violation.
pub fn check(article: &Article, twice: bool) {
    let a = analyze(article);
    let text = &a.text;
    let span_ok = |s: usize, e: usize| {
        s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
    };
    assert!(
        (-1.0..=1.0).contains(&a.overall.score),
        "overall score {}",
        a.overall.score
    );
    for p in &a.paragraphs {
        assert!(span_ok(p.start, p.end), "paragraph span {p:?}");
    }
    for s in &a.sentences {
        assert!(
            span_ok(s.start, s.end),
            "sentence span {}..{}",
            s.start,
            s.end
        );
        assert!((-1.0..=1.0).contains(&s.sentiment.score));
        for c in &s.sentiment.cues {
            assert!(span_ok(c.start, c.end), "cue span {}..{}", c.start, c.end);
        }
    }
    for e in &a.entities {
        assert!((-1.0..=1.0).contains(&e.score), "entity score {}", e.score);
        for m in &e.spans {
            assert!(
                span_ok(m.start, m.end),
                "mention span {}..{}",
                m.start,
                m.end
            );
        }
        for ev in &e.evidence {
            assert!(
                span_ok(ev.start, ev.end),
                "evidence span {}..{}",
                ev.start,
                ev.end
            );
            assert!((-1.0..=1.0).contains(&ev.sentiment.score));
        }
        assert!(e.evidence.len() <= news_impact_engine::limits::MAX_EVIDENCE);
    }
    assert!(a.entities.len() <= news_impact_engine::limits::MAX_ENTITIES);
    if twice {
        assert!(a == analyze(article), "analysis is not deterministic");
    }
}
