//! `news-impact score [FILE|-]`: score JSONL lines `{"text", "target"?}` toward their target.
//!
//! Writes one JSONL line per input line, in order: `{"score", "label", "cues"}`, or
//! `{"error": "..."}` for a line that cannot be scored (the run goes on). Blank lines are
//! answered with an error too, so output line `n` always answers input line `n`. The target is
//! found case-insensitively on word boundaries (falling back to the leading words of its name);
//! a target that does not occur leaves the whole text in scope.

use news_impact_engine::score::{locate_target, score_sentence};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};

/// One input line (other fields, such as an id or a gold label, are ignored).
#[derive(Deserialize)]
struct Input {
    text: String,
    #[serde(default)]
    target: Option<String>,
}

/// One cue of the output.
#[derive(Serialize)]
struct OutCue<'a> {
    text: &'a str,
    weight: f32,
    start: usize,
    end: usize,
}

/// One output line.
#[derive(Serialize)]
struct Output<'a> {
    score: f32,
    label: &'static str,
    cues: Vec<OutCue<'a>>,
}

/// Scores one input line; the error string says what is wrong with it.
pub fn score_line(line: &str) -> Result<String, String> {
    if line.trim().is_empty() {
        return Err("empty line: expected a JSON object with a \"text\" field".to_owned());
    }
    let input: Input = serde_json::from_str(line).map_err(|e| {
        if e.is_data() {
            format!("invalid input object: {e}")
        } else {
            format!("invalid JSON: {e}")
        }
    })?;
    // A target that does not occur in the text (not even by the leading words of its name)
    // leaves the whole text in scope.
    let targets = input
        .target
        .as_deref()
        .map(|t| locate_target(&input.text, t))
        .unwrap_or_default();
    let scored = score_sentence(&input.text, 0, &targets);
    let out = Output {
        score: scored.score,
        label: scored.label.as_str(),
        cues: scored
            .cues
            .iter()
            .map(|c| OutCue {
                text: c.text(&input.text),
                weight: c.weight,
                start: c.start,
                end: c.end,
            })
            .collect(),
    };
    serde_json::to_string(&out).map_err(|e| format!("cannot serialise the result: {e}"))
}

/// Runs the subcommand over a reader, writing one line per input line.
pub fn run(input: impl BufRead, mut out: impl Write) -> std::io::Result<()> {
    for (n, line) in input.split(b'\n').enumerate() {
        let line = line?;
        let line = line.strip_suffix(b"\r").unwrap_or(&line);
        let result = match std::str::from_utf8(line) {
            Ok(text) => score_line(text),
            Err(e) => Err(format!("line is not valid UTF-8: {e}")),
        };
        match result {
            Ok(json) => writeln!(out, "{json}")?,
            Err(msg) => writeln!(
                out,
                "{}",
                serde_json::json!({ "error": format!("line {}: {msg}", n + 1) })
            )?,
        }
    }
    out.flush()
}

/// Entry point for `news-impact score [FILE|-]`.
pub fn main(file: Option<&str>) -> std::process::ExitCode {
    let stdout = std::io::stdout();
    let out = std::io::BufWriter::new(stdout.lock());
    let result = match file {
        None | Some("-") => run(std::io::stdin().lock(), out),
        Some(path) => match std::fs::File::open(path) {
            Ok(f) => run(std::io::BufReader::new(f), out),
            Err(e) => {
                eprintln!("news-impact: cannot read {path}: {e}");
                return std::process::ExitCode::from(1);
            }
        },
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("news-impact: {e}");
            std::process::ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &str) -> Vec<serde_json::Value> {
        let mut out = Vec::new();
        run(input.as_bytes(), &mut out).unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    #[test]
    fn one_output_line_per_input_line_in_order_with_errors_inline() {
        let input = concat!(
            r#"{"text": "Nvidia jumped while AMD slid", "target": "AMD"}"#,
            "\n",
            "not json\n",
            r#"{"text": 5}"#,
            "\n",
            r#"{"text": "Nvidia jumped while AMD slid", "target": "Intel"}"#,
            "\n",
            r#"{"text": "Nvidia jumped while AMD slid", "target": "nvidia"}"#,
            "\n"
        );
        let out = lines(input);
        assert_eq!(out.len(), 5);
        assert!(out[0]["score"].as_f64().unwrap() < 0.0);
        assert!(out[1]["error"]
            .as_str()
            .unwrap()
            .starts_with("line 2: invalid JSON"));
        assert!(out[2]["error"]
            .as_str()
            .unwrap()
            .contains("invalid input object"));
        // An absent target scores the whole text, like no target.
        let whole = lines(r#"{"text": "Nvidia jumped while AMD slid"}"#);
        assert_eq!(out[3]["score"], whole[0]["score"]);
        assert!(out[4]["score"].as_f64().unwrap() > 0.0);
    }

    #[test]
    fn cues_carry_text_weight_and_spans_into_the_input_text() {
        let text = "Acme's operating loss narrowed sharply";
        let out = lines(&format!("{{\"text\": \"{text}\"}}\n"));
        let cues = out[0]["cues"].as_array().unwrap();
        assert!(!cues.is_empty());
        for c in cues {
            let (s, e) = (
                c["start"].as_u64().unwrap() as usize,
                c["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[s..e], c["text"].as_str().unwrap());
            assert!(c["weight"].is_number());
        }
        assert!(["Somewhat-Bullish", "Bullish"].contains(&out[0]["label"].as_str().unwrap()));
    }
}
