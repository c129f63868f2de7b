//! UI components, one per file; each renders part of an analysis and computes nothing.

pub mod article_picker;
pub mod article_view;
pub mod cues;
pub mod empty_state;
pub mod entity_row;
pub mod error_state;
pub mod evidence_list;
pub mod format;
pub mod impact_panel;
pub mod overall_line;
pub mod paste_drop;
pub mod relevance_meter;
pub mod safe_blocks;
pub mod score_bar;
pub mod skeleton;
pub mod text_layout;

#[cfg(test)]
mod ssr_tests;
