//! A transcript's exons on the genome with a structural variant over them: what a deletion,
//! duplication or inversion takes in, at a glance (issue 5, item 4).

use plotters::prelude::*;

use crate::PlotError;
use crate::palette::{Palette, colour};

/// One exon: its genome span, its coding part if any, and its number in transcription order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagramExon {
    /// First and last genome position.
    pub span: (u64, u64),
    /// The coding part, drawn taller.
    pub coding: Option<(u64, u64)>,
    /// Its number (1 = the 5′-most).
    pub number: usize,
}

/// An exon diagram's data and words.
#[derive(Debug, Clone, PartialEq)]
pub struct ExonDiagram {
    /// Title above the diagram (gene, transcript, the variant).
    pub title: String,
    /// The exons in genome order.
    pub exons: Vec<DiagramExon>,
    /// Whether the transcript is read left to right (forward strand).
    pub forward: bool,
    /// The structural variant's span.
    pub span: (u64, u64),
    /// Its label: VCF's symbol (`DEL`, `DUP`, `INV`), the same in every language.
    pub span_label: String,
    /// Width and height in pixels.
    pub size: (u32, u32),
}

/// Draws an exon diagram as SVG text.
pub fn exon_diagram_svg(diagram: &ExonDiagram, palette: &Palette) -> Result<String, PlotError> {
    crate::render(&diagram.title, |svg| draw(diagram, palette, svg))
}

fn draw(
    diagram: &ExonDiagram,
    palette: &Palette,
    svg: &mut String,
) -> Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::with_string(svg, diagram.size).into_drawing_area();
    root.fill(&WHITE)?;
    let first = diagram.exons.iter().map(|e| e.span.0).min().unwrap_or(1);
    let last = diagram
        .exons
        .iter()
        .map(|e| e.span.1)
        .max()
        .unwrap_or(first);
    // The view: the transcript and the variant, with a margin either side.
    let (from, to) = (first.min(diagram.span.0), last.max(diagram.span.1));
    let margin = ((to - from) / 20).max(1);
    let (from, to) = (from.saturating_sub(margin) as f64, (to + margin) as f64);
    let font = ("sans-serif", 13).into_font().color(&colour(palette.ink));
    let mut plot = ChartBuilder::on(&root)
        .caption(&diagram.title, font)
        .margin(10)
        .x_label_area_size(28)
        .build_cartesian_2d(from..to, 0.0..10.0)?;
    plot.configure_mesh()
        .disable_y_axis()
        .disable_mesh()
        .x_labels(5)
        .axis_style(colour(palette.ink_muted))
        .label_style(
            ("sans-serif", 11)
                .into_font()
                .color(&colour(palette.ink_muted)),
        )
        .x_label_formatter(&|x| format!("{:.0}", x))
        .draw()?;
    // The variant first, under the exons.
    let (span_start, span_end) = (diagram.span.0 as f64, diagram.span.1 as f64 + 1.0);
    let shade = colour(palette.highlight);
    plot.draw_series(std::iter::once(Rectangle::new(
        [(span_start, 1.5), (span_end, 8.5)],
        shade.mix(0.25).filled(),
    )))?;
    plot.draw_series(std::iter::once(Rectangle::new(
        [(span_start, 1.5), (span_end, 8.5)],
        shade.stroke_width(1),
    )))?;
    let label = ("sans-serif", 11).into_font().color(&shade);
    plot.draw_series(std::iter::once(Text::new(
        diagram.span_label.clone(),
        (span_start, 9.6),
        label,
    )))?;
    // The intron line, with the direction of transcription.
    let line = colour(palette.ink_muted);
    plot.draw_series(std::iter::once(PathElement::new(
        vec![(first as f64, 5.0), (last as f64 + 1.0, 5.0)],
        line.stroke_width(1),
    )))?;
    let arrow = if diagram.forward { "→" } else { "←" };
    plot.draw_series(std::iter::once(Text::new(
        arrow.to_string(),
        (if diagram.forward { last } else { first } as f64, 7.0),
        ("sans-serif", 12).into_font().color(&line),
    )))?;
    let ink = colour(palette.series);
    for exon in &diagram.exons {
        let (start, end) = (exon.span.0 as f64, exon.span.1 as f64 + 1.0);
        plot.draw_series(std::iter::once(Rectangle::new(
            [(start, 4.2), (end, 5.8)],
            ink.filled(),
        )))?;
        if let Some((cs, ce)) = exon.coding {
            plot.draw_series(std::iter::once(Rectangle::new(
                [(cs as f64, 3.4), (ce as f64 + 1.0, 6.6)],
                ink.filled(),
            )))?;
        }
    }
    // Exon numbers, when there is room for them.
    if diagram.exons.len() <= 30 {
        let numbers = ("sans-serif", 10).into_font().color(&colour(palette.ink));
        plot.draw_series(diagram.exons.iter().map(|e| {
            Text::new(
                e.number.to_string(),
                (e.span.0 as f64, 2.0),
                numbers.clone(),
            )
        }))?;
    }
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagram() -> ExonDiagram {
        ExonDiagram {
            title: "DOCK8 ENST00000432829.6 — chr9:286,001–287,000".into(),
            exons: vec![
                DiagramExon {
                    span: (1_000, 1_200),
                    coding: Some((1_100, 1_200)),
                    number: 1,
                },
                DiagramExon {
                    span: (2_000, 2_150),
                    coding: Some((2_000, 2_150)),
                    number: 2,
                },
                DiagramExon {
                    span: (3_000, 3_300),
                    coding: Some((3_000, 3_100)),
                    number: 3,
                },
            ],
            forward: true,
            span: (1_500, 2_500),
            span_label: "削除 (deleted)".into(),
            size: (640, 160),
        }
    }

    #[test]
    fn the_diagram_marks_the_span_and_numbers_the_exons_the_same_way_every_time() {
        let palette = Palette::default();
        let svg = exon_diagram_svg(&diagram(), &palette).unwrap();
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("削除 (deleted)"));
        // Exon numbers as text (plotters writes each on its own line).
        assert!(
            svg.contains(">\n2\n</text>") && svg.contains(">\n3\n</text>"),
            "{svg}"
        );
        // The span is drawn in the highlight colour; the exons in the series colour.
        assert!(svg.contains(&palette.highlight.to_uppercase()), "{svg}");
        assert_eq!(svg, exon_diagram_svg(&diagram(), &palette).unwrap());
    }
}
