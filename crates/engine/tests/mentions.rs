//! The linker meets its precision and recall targets on the labelled mention corpus.

mod support {
    pub mod linkeval;
}

use support::linkeval::{evaluate, CORPUS};

#[test]
fn corpus_has_at_least_200_sentences() {
    assert!(evaluate(CORPUS).lines >= 200);
}

#[test]
fn precision_and_recall_meet_targets() {
    let r = evaluate(CORPUS);
    for (text, missed, spurious) in &r.errors {
        eprintln!("missed {missed:?} spurious {spurious:?}: {text}");
    }
    eprintln!(
        "precision {:.4} recall {:.4} (tp {} fp {} fn {})",
        r.precision(),
        r.recall(),
        r.tp,
        r.fp,
        r.fn_
    );
    assert!(r.precision() >= 0.97, "precision {:.4}", r.precision());
    assert!(r.recall() >= 0.95, "recall {:.4}", r.recall());
}
