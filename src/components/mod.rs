//! UI components, one per file; each renders part of an analysis and computes nothing.

pub mod article_picker;
pub mod article_view;
pub mod entity_row;
pub mod impact_panel;
pub mod paste_drop;
pub mod safe_blocks;
