//! Prints entity precision and recall of the linker on the labelled mention corpus,
//! and every line it gets wrong: `cargo run -p news-impact-engine --example link_eval`.

#[path = "../tests/support/linkeval.rs"]
mod linkeval;

fn main() {
    let r = linkeval::evaluate(linkeval::CORPUS);
    for (text, missed, spurious) in &r.errors {
        println!("missed {missed:?} spurious {spurious:?}: {text}");
    }
    println!(
        "lines {}  entities {}  tp {}  fp {}  fn {}  precision {:.4}  recall {:.4}",
        r.lines,
        r.tp + r.fn_,
        r.tp,
        r.fp,
        r.fn_,
        r.precision(),
        r.recall()
    );
}
