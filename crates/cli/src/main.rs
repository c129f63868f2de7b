//! `news-impact`: the command-line front end of the engine.

use news_impact_engine::article::{Article, Body};
use news_impact_engine::{analyze, parse_input_noting};
use std::io::Read;
use std::process::ExitCode;

mod entities;
mod html;
mod score;

const USAGE: &str = "usage: news-impact (analyze|entities|score) [FILE|-]  (analyze: JSON of any accepted shape, or plain text)";

fn read_input(path: Option<&str>) -> std::io::Result<String> {
    match path {
        None | Some("-") => {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s)?;
            Ok(s)
        }
        Some(p) => std::fs::read_to_string(p),
    }
}

/// The article with its `body_html` (when it has no plain `body`) reduced to paragraphs, as the
/// widget shows it; the engine itself reads only plain text.
fn with_html_body(article: &Article) -> Article {
    match (&article.body, &article.body_html) {
        (None, Some(html)) => Article {
            body: Some(Body::Paragraphs(html::paragraphs(html))),
            ..article.clone()
        },
        _ => article.clone(),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cmd, file) = match args.as_slice() {
        [cmd] => (cmd.as_str(), None),
        [cmd, file] => (cmd.as_str(), Some(file.as_str())),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    if cmd == "score" {
        return score::main(file);
    }
    let input = match read_input(file) {
        Ok(s) => s,
        Err(err) => {
            eprintln!(
                "news-impact: cannot read {}: {err}",
                file.unwrap_or("stdin")
            );
            return ExitCode::from(1);
        }
    };
    match cmd {
        "analyze" => {
            // Any accepted shape (schema v1, Alpha Vantage, Marketaux, a list) or plain text;
            // a list is analysed by its first article, and the count (and any items left out)
            // is noted on stderr.
            let parsed = parse_input_noting(&input).map(|(articles, skipped)| {
                if let Some(skipped) = skipped {
                    eprintln!("news-impact: {skipped}");
                }
                if articles.len() > 1 {
                    eprintln!(
                        "news-impact: {} articles in the input; analysing the first",
                        articles.len()
                    );
                }
                analyze(&with_html_body(&articles[0]))
            });
            match parsed {
                Ok(analysis) => {
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&analysis).expect("analysis serialises")
                    );
                    ExitCode::SUCCESS
                }
                Err(err) => {
                    eprintln!("news-impact: {err}");
                    ExitCode::from(1)
                }
            }
        }
        "entities" => entities::run(&input),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
