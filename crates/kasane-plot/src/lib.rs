//! Figures as SVG text, drawn with plotters from plain data and the design tokens' colours.
//!
//! Every function is pure: the same data gives the same bytes, so figures are tested against
//! golden files and a report can be reproduced. Text is written as SVG `<text>` in the UI's
//! font stack, so the webview renders Japanese labels with the system's CJK fonts.

mod bars;
mod exons;
mod palette;

pub use bars::{Bar, BarChart, bar_chart_svg};
pub use exons::{DiagramExon, ExonDiagram, exon_diagram_svg};
pub use palette::Palette;

/// Why a figure could not be drawn.
#[derive(Debug, thiserror::Error)]
#[error("cannot draw the figure {title:?}: {reason}")]
pub struct PlotError {
    /// The figure's title.
    pub title: String,
    /// What plotters reported.
    pub reason: String,
}
