//! Bar charts: counts per category (variant classes, chromosomes) and histograms drawn as bars
//! over ordered bins (indel lengths, VAF).

use plotters::prelude::*;

use crate::PlotError;
use crate::palette::{Palette, colour};

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Its label on the x axis.
    pub label: String,
    /// Its height.
    pub value: f64,
    /// Drawn in the highlight colour.
    pub highlighted: bool,
}

/// A bar chart's data and words.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    /// Title above the plot.
    pub title: String,
    /// Label of the x axis.
    pub x_label: String,
    /// Label of the y axis.
    pub y_label: String,
    /// The bars, left to right.
    pub bars: Vec<Bar>,
    /// Width and height in pixels.
    pub size: (u32, u32),
}

/// Draws a bar chart as SVG text.
pub fn bar_chart_svg(chart: &BarChart, palette: &Palette) -> Result<String, PlotError> {
    crate::render(&chart.title, |svg| draw(chart, palette, svg))
}

fn draw(
    chart: &BarChart,
    palette: &Palette,
    svg: &mut String,
) -> Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::with_string(svg, chart.size).into_drawing_area();
    root.fill(&WHITE)?;
    let count = chart.bars.len().max(1);
    let top = chart
        .bars
        .iter()
        .map(|b| b.value)
        .fold(0.0_f64, f64::max)
        .max(1.0)
        * 1.08;
    let font = ("sans-serif", 13).into_font().color(&colour(palette.ink));
    let mut plot = ChartBuilder::on(&root)
        .caption(&chart.title, font.clone())
        .margin(8)
        .x_label_area_size(44)
        .y_label_area_size(64)
        .build_cartesian_2d((0..count).into_segmented(), 0.0..top)?;
    let labels: Vec<String> = chart.bars.iter().map(|b| b.label.clone()).collect();
    let step = (count / 24).max(1);
    plot.configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .y_labels(6)
        .bold_line_style(colour(palette.line))
        .axis_style(colour(palette.ink_muted))
        .x_desc(&chart.x_label)
        .y_desc(&chart.y_label)
        .label_style(
            ("sans-serif", 11)
                .into_font()
                .color(&colour(palette.ink_muted)),
        )
        .x_labels(count + 1)
        .x_label_formatter(&|x| match x {
            SegmentValue::CenterOf(i) if i.is_multiple_of(step) => {
                labels.get(*i).cloned().unwrap_or_default()
            }
            _ => String::new(),
        })
        .y_label_formatter(&|y| {
            if *y >= 1_000_000.0 {
                format!("{:.1}M", y / 1_000_000.0)
            } else if *y >= 10_000.0 {
                format!("{:.0}k", y / 1_000.0)
            } else if y.fract() == 0.0 {
                format!("{y:.0}")
            } else {
                format!("{y:.2}")
            }
        })
        .draw()?;
    plot.draw_series(chart.bars.iter().enumerate().map(|(i, bar)| {
        let fill = if bar.highlighted {
            colour(palette.highlight)
        } else {
            colour(palette.series)
        };
        let mut rectangle = Rectangle::new(
            [
                (SegmentValue::Exact(i), 0.0),
                (SegmentValue::Exact(i + 1), bar.value),
            ],
            fill.filled(),
        );
        rectangle.set_margin(0, 0, 2, 2);
        rectangle
    }))?;
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> BarChart {
        BarChart {
            title: "Variant classes / 変異の種類".into(),
            x_label: "class".into(),
            y_label: "alleles".into(),
            bars: vec![
                Bar {
                    label: "snv".into(),
                    value: 4_250_000.0,
                    highlighted: false,
                },
                Bar {
                    label: "deletion".into(),
                    value: 330_000.0,
                    highlighted: true,
                },
            ],
            size: (480, 300),
        }
    }

    #[test]
    fn a_bar_chart_is_deterministic_svg_with_its_words_and_bars() {
        let svg = bar_chart_svg(&chart(), &Palette::default()).expect("draws");
        assert!(svg.starts_with("<svg"), "{}", &svg[..40.min(svg.len())]);
        assert!(svg.contains("変異の種類"), "Japanese title kept as text");
        assert!(
            svg.contains("\nsnv\n") && svg.contains("\ndeletion\n"),
            "bar labels"
        );
        assert!(
            svg.contains("\n4.0M\n"),
            "millions abbreviated on the y axis"
        );
        assert!(
            svg.to_lowercase().contains("#e08e45"),
            "highlighted bar in --layer-3"
        );
        assert_eq!(
            svg,
            bar_chart_svg(&chart(), &Palette::default()).expect("draws")
        );
    }

    #[test]
    fn an_empty_chart_still_draws() {
        let mut empty = chart();
        empty.bars.clear();
        assert!(bar_chart_svg(&empty, &Palette::default()).is_ok());
    }
}
