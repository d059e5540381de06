//! Colours of figures: the design tokens of `ui/src/lib/tokens.css` (a test keeps them equal).

/// The colours a figure uses, as `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// Text and axes (`--ink`).
    pub ink: &'static str,
    /// Secondary text (`--ink-muted`).
    pub ink_muted: &'static str,
    /// Grid lines (`--line`).
    pub line: &'static str,
    /// First data series (`--layer-1`).
    pub series: &'static str,
    /// Highlighted data (`--layer-3`).
    pub highlight: &'static str,
}

impl Default for Palette {
    fn default() -> Self {
        Self {
            ink: "#1d2533",
            ink_muted: "#5b6577",
            line: "#dde1e8",
            series: "#2b4c7e",
            highlight: "#e08e45",
        }
    }
}

/// A `#rrggbb` colour as plotters draws it.
pub(crate) fn colour(hex: &str) -> plotters::style::RGBColor {
    let (r, g, b) = rgb(hex);
    plotters::style::RGBColor(r, g, b)
}

/// `#rrggbb` → (r, g, b); black for anything else.
pub(crate) fn rgb(hex: &str) -> (u8, u8, u8) {
    let channel = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .unwrap_or(0)
    };
    if hex.len() == 7 && hex.starts_with('#') {
        (channel(1), channel(3), channel(5))
    } else {
        (0, 0, 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_palette_is_the_ui_design_tokens() {
        let css = std::fs::read_to_string(
            std::env::current_dir()
                .expect("tests run in the package directory")
                .join("../../ui/src/lib/tokens.css"),
        )
        .expect("tokens.css is the one source of colours");
        let p = Palette::default();
        for (token, value) in [
            ("--ink", p.ink),
            ("--ink-muted", p.ink_muted),
            ("--line", p.line),
            ("--layer-1", p.series),
            ("--layer-3", p.highlight),
        ] {
            assert!(
                css.contains(&format!("{token}: {value};")),
                "{token} is {value} in tokens.css"
            );
        }
        assert_eq!(rgb("#2b4c7e"), (0x2b, 0x4c, 0x7e));
        assert_eq!(rgb("blue"), (0, 0, 0));
    }
}
