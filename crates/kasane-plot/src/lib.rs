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

/// The SVG text `draw` writes, or why it could not draw the figure named `title`.
pub(crate) fn render(
    title: &str,
    draw: impl FnOnce(&mut String) -> Result<(), Box<dyn std::error::Error>>,
) -> Result<String, PlotError> {
    let mut svg = String::new();
    draw(&mut svg).map_err(|e| PlotError {
        title: title.to_string(),
        reason: e.to_string(),
    })?;
    Ok(svg)
}
