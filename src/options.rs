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
    pub fn from_json(json: &str) -> Result<WidgetOptions, String> {
        let de = &mut serde_json::Deserializer::from_str(json);
        serde_path_to_error::deserialize(de)
            .map_err(|e| format!("option `{}`: {}", e.path(), e.inner()))
    }
}
