//! Widget options: what a host gives `mount()` or sets as `<news-impact>` attributes.

use serde::Deserialize;

/// Colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Follow `prefers-color-scheme`.
    #[default]
    Auto,
    /// Light theme.
    Light,
    /// Dark theme.
    Dark,
}

/// Layout of article and panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// Chosen by the container width.
    #[default]
    Auto,
    /// Article above the panel.
    Stacked,
    /// Article and panel side by side.
    SideBySide,
    /// Panel only, for narrow sidebars.
    Compact,
}

/// Everything a host can configure.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WidgetOptions {
    /// URL of an article to fetch.
    pub src: Option<String>,
    /// An inline article: JSON text.
    pub article: Option<String>,
    /// Colour theme.
    pub theme: Theme,
    /// Layout.
    pub layout: Layout,
    /// Only show these symbols (empty = all).
    pub tickers: Vec<String>,
    /// Tint cue words in the whole article.
    pub explain: bool,
    /// Request time-out for `src`, in milliseconds (default 15 000); a test and embedding knob.
    pub timeout_ms: Option<u32>,
}

impl WidgetOptions {
    /// Reads options from a JSON object, naming the bad field on error.
    ///
    /// Field by field over a `serde_json::Value` (rather than through serde_path_to_error, which
    /// cost the bundle several KB for a one-level object).
    pub fn from_json(json: &str) -> Result<WidgetOptions, String> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| format!("options: {e}"))?;
        let serde_json::Value::Object(map) = value else {
            return Err("options: expected an object".to_owned());
        };
        let mut o = WidgetOptions::default();
        for (key, v) in map {
            let read = match key.as_str() {
                "src" => set(v, &mut o.src),
                "article" => set(v, &mut o.article),
                "theme" => set(v, &mut o.theme),
                "layout" => set(v, &mut o.layout),
                "tickers" => set(v, &mut o.tickers),
                "explain" => set(v, &mut o.explain),
                "timeout_ms" => set(v, &mut o.timeout_ms),
                _ => Err(format!(
                    "unknown field `{key}`, expected one of `src`, `article`, `theme`, `layout`, \
                     `tickers`, `explain`, `timeout_ms`"
                )),
            };
            read.map_err(|e| format!("option `{key}`: {e}"))?;
        }
        Ok(o)
    }
}

/// Deserialises one option's value into its field.
fn set<T: serde::de::DeserializeOwned>(v: serde_json::Value, slot: &mut T) -> Result<(), String> {
    *slot = T::deserialize(v).map_err(|e| e.to_string())?;
    Ok(())
}

/// Whether the `tickers` option keeps `entity`: an empty filter keeps everything; otherwise a
/// listed symbol must equal the entity's symbol or id, ignoring case and surrounding spaces.
/// The panel rows and the `news-impact:ready` detail both use it, so they always agree.
pub fn keeps(tickers: &[String], entity: &news_impact_engine::analysis::EntityImpact) -> bool {
    tickers.is_empty()
        || tickers.iter().map(|t| t.trim()).any(|t| {
            entity
                .symbol
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case(t))
                || entity.id.eq_ignore_ascii_case(t)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_option_and_names_a_bad_one() {
        let o = WidgetOptions::from_json(
            r#"{"src":"a.json","theme":"dark","layout":"side-by-side","tickers":["MSFT"],"explain":true,"timeout_ms":800}"#,
        )
        .expect("valid options");
        assert_eq!(o.src.as_deref(), Some("a.json"));
        assert_eq!(o.theme, Theme::Dark);
        assert_eq!(o.layout, Layout::SideBySide);
        assert_eq!(o.tickers, ["MSFT"]);
        assert!(o.explain);
        assert_eq!(o.timeout_ms, Some(800));
        assert_eq!(WidgetOptions::from_json("{}"), Ok(WidgetOptions::default()));
        let unknown = WidgetOptions::from_json(r#"{"colour":"teal"}"#).unwrap_err();
        assert!(
            unknown.starts_with("option `colour`: unknown field"),
            "{unknown}"
        );
        let bad = WidgetOptions::from_json(r#"{"theme":"sepia"}"#).unwrap_err();
        assert!(
            bad.starts_with("option `theme`: unknown variant `sepia`"),
            "{bad}"
        );
        assert!(WidgetOptions::from_json("[1]").is_err());
    }
}
