//! The report's charts, as inline SVG. Each bar segment carries its number twice: in `data-*`
//! attributes (`data-series`, `data-value`, `data-total` on a `<rect>`, `data-key` on its `<g>`),
//! which the browser test compares with the JSON output, and in a `<title>` a reader sees on
//! hover. Every string from a draft goes through [`escape`].

use std::fmt::Write as _;

/// One part of a bar: women, men, unknown; or named, unnamed, groups, organisations.
pub struct Segment {
    /// Stable name for tests and CSS (`female`, `unnamed`).
    pub series: &'static str,
    /// What a reader sees (`women`).
    pub label: &'static str,
    pub value: u64,
}

/// One bar: a month, a section, a person.
pub struct Bar {
    /// What the JSON calls it (`2024-03`, a section's name); `None` for drafts without one.
    pub key: Option<String>,
    /// What the axis shows.
    pub label: String,
    pub segments: Vec<Segment>,
}

impl Bar {
    fn total(&self) -> u64 {
        self.segments.iter().map(|s| s.value).sum()
    }
}

/// How a chart's numbers read in its titles: `3 of 12 quotes`.
pub struct Chart<'a> {
    /// `data-chart`: what the test looks up.
    pub id: &'a str,
    /// The accessible name.
    pub title: &'a str,
    /// `quotes`, `sources`.
    pub unit: &'a str,
    pub bars: Vec<Bar>,
}

const WIDTH: f64 = 760.0;
const FONT: &str = "font-size=\"11\"";

/// Vertical bars, one per key (months), each split into its segments: as shares of the bar
/// (`percent`, with a line at parity) or as counts on a common scale.
pub fn columns(chart: &Chart, percent: bool) -> String {
    let (left, right, top, bottom) = (44.0, 8.0, 10.0, 34.0);
    let height = 220.0;
    let plot_w = WIDTH - left - right;
    let plot_h = height - top - bottom;
    let n = chart.bars.len().max(1) as f64;
    let step = plot_w / n;
    let bar_w = (step * 0.72).min(48.0);
    let max = chart.bars.iter().map(Bar::total).max().unwrap_or(0).max(1);
    // Four grid steps of a round size (10, 20, 50...) above the tallest bar.
    let scale_max = if percent { 1.0 } else { (nice_ceiling(max.div_ceil(4)) * 4) as f64 };
    let mut svg = open(chart, WIDTH, height);
    // Grid and axis labels.
    for i in 0..=4 {
        let fraction = i as f64 / 4.0;
        let y = top + plot_h * (1.0 - fraction);
        let label = if percent {
            format!("{}%", i * 25)
        } else {
            format!("{}", (scale_max * fraction).round() as u64)
        };
        let class = if percent && i == 2 { "grid parity" } else { "grid" };
        let _ = write!(
            svg,
            "<line class=\"{class}\" x1=\"{left}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/>\
             <text class=\"axis\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" {FONT}>{label}</text>",
            WIDTH - right,
            left - 6.0,
            y + 4.0
        );
    }
    let label_every = (chart.bars.len() as f64 / 12.0).ceil().max(1.0) as usize;
    for (i, bar) in chart.bars.iter().enumerate() {
        let total = bar.total();
        let x = left + step * i as f64 + (step - bar_w) / 2.0;
        let _ = write!(svg, "<g class=\"bar\" {}>", key_attr(&bar.key));
        let mut y = top + plot_h;
        for seg in &bar.segments {
            let h = if percent {
                if total == 0 { 0.0 } else { plot_h * seg.value as f64 / total as f64 }
            } else {
                plot_h * seg.value as f64 / scale_max
            };
            y -= h;
            rect(&mut svg, seg, total, x, y, bar_w, h, &bar.label, chart.unit);
        }
        if total == 0 {
            let _ = write!(
                svg,
                "<text class=\"axis\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" {FONT}>–</text>",
                x + bar_w / 2.0,
                top + plot_h - 4.0
            );
        }
        svg.push_str("</g>");
        if i % label_every == 0 {
            let _ = write!(
                svg,
                "<text class=\"axis\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" {FONT}>{}</text>",
                x + bar_w / 2.0,
                top + plot_h + 16.0,
                escape(&bar.label)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// Horizontal bars, one per key (sections), each split into shares of the bar, with the bar's
/// total at its right.
pub fn rows(chart: &Chart) -> String {
    let (label_w, right, row_h) = (170.0, 130.0, 26.0);
    let height = row_h * chart.bars.len().max(1) as f64 + 8.0;
    let plot_w = WIDTH - label_w - right;
    let mut svg = open(chart, WIDTH, height);
    let mid = label_w + plot_w / 2.0;
    let _ = write!(svg, "<line class=\"grid parity\" x1=\"{mid:.1}\" x2=\"{mid:.1}\" y1=\"0\" y2=\"{height:.1}\"/>");
    for (i, bar) in chart.bars.iter().enumerate() {
        let total = bar.total();
        let y = 4.0 + row_h * i as f64;
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" {FONT}>{}</text><g class=\"bar\" {}>",
            label_w - 8.0,
            y + row_h / 2.0 + 4.0,
            escape(&shorten(&bar.label, 26)),
            key_attr(&bar.key)
        );
        let mut x = label_w;
        for seg in &bar.segments {
            let w = if total == 0 { 0.0 } else { plot_w * seg.value as f64 / total as f64 };
            rect(&mut svg, seg, total, x, y + 3.0, w, row_h - 8.0, &bar.label, chart.unit);
            x += w;
        }
        let _ = write!(
            svg,
            "</g><text class=\"axis\" x=\"{:.1}\" y=\"{:.1}\" {FONT}>{total} {}</text>",
            label_w + plot_w + 8.0,
            y + row_h / 2.0 + 4.0,
            escape(chart.unit)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// One bar per person, longest first, coloured by its single segment's series.
pub fn ranking(chart: &Chart) -> String {
    let (label_w, right, row_h) = (200.0, 48.0, 22.0);
    let height = row_h * chart.bars.len().max(1) as f64 + 4.0;
    let plot_w = WIDTH - label_w - right;
    let max = chart.bars.iter().map(Bar::total).max().unwrap_or(0).max(1) as f64;
    let mut svg = open(chart, WIDTH, height);
    for (i, bar) in chart.bars.iter().enumerate() {
        let total = bar.total();
        let y = 2.0 + row_h * i as f64;
        let w = plot_w * total as f64 / max;
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" {FONT}>{}</text><g class=\"bar\" {}>",
            label_w - 8.0,
            y + row_h / 2.0 + 4.0,
            escape(&shorten(&bar.label, 30)),
            key_attr(&bar.key)
        );
        for seg in &bar.segments {
            rect(&mut svg, seg, total, label_w, y + 3.0, w, row_h - 6.0, &bar.label, chart.unit);
        }
        let _ = write!(
            svg,
            "</g><text class=\"axis\" x=\"{:.1}\" y=\"{:.1}\" {FONT}>{total}</text>",
            label_w + w + 6.0,
            y + row_h / 2.0 + 4.0
        );
    }
    svg.push_str("</svg>");
    svg
}

fn open(chart: &Chart, width: f64, height: f64) -> String {
    format!(
        "<svg class=\"chart\" data-chart=\"{}\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {width:.0} {height:.0}\" \
         preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">",
        escape(chart.id),
        escape(chart.title)
    )
}

#[allow(clippy::too_many_arguments)]
fn rect(svg: &mut String, seg: &Segment, total: u64, x: f64, y: f64, w: f64, h: f64, key_label: &str, unit: &str) {
    let share = if total == 0 { String::new() } else { format!(" ({:.1}%)", 100.0 * seg.value as f64 / total as f64) };
    let _ = write!(
        svg,
        "<rect class=\"s-{series}\" data-series=\"{series}\" data-value=\"{value}\" data-total=\"{total}\" \
         x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\"><title>{key}: {label} {value} of {total} {unit}{share}</title></rect>",
        series = seg.series,
        value = seg.value,
        key = escape(key_label),
        label = seg.label,
        unit = escape(unit),
    );
}

fn key_attr(key: &Option<String>) -> String {
    match key {
        Some(key) => format!("data-key=\"{}\"", escape(key)),
        None => "data-key=\"\" data-no-key=\"true\"".to_string(),
    }
}

/// The smallest round step (1, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten, a whole number) at or
/// above `n`, for a count axis.
fn nice_ceiling(n: u64) -> u64 {
    let mut magnitude = 1u64;
    loop {
        for tenths in [10, 20, 25, 30, 40, 50, 60, 80] {
            let Some(scaled) = magnitude.checked_mul(tenths) else { return n };
            // 2.5 is no step below 10.
            if scaled % 10 == 0 && scaled / 10 >= n {
                return scaled / 10;
            }
        }
        match magnitude.checked_mul(10) {
            Some(next) => magnitude = next,
            None => return n,
        }
    }
}

/// A name cut to `max` characters with `…` (the full name is in the bar's title).
pub fn shorten(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        return name.to_string();
    }
    name.chars().take(max - 1).collect::<String>() + "…"
}

/// Text and attribute values for HTML and SVG: the five characters that could end a text or an
/// attribute, or start markup.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(bars: Vec<Bar>) -> Chart<'static> {
        Chart { id: "t", title: "T", unit: "quotes", bars }
    }

    fn bar(key: &str, values: [u64; 2]) -> Bar {
        Bar {
            key: Some(key.into()),
            label: key.into(),
            segments: vec![
                Segment { series: "female", label: "women", value: values[0] },
                Segment { series: "male", label: "men", value: values[1] },
            ],
        }
    }

    #[test]
    fn percent_columns_fill_the_plot_and_carry_their_numbers() {
        let svg = columns(&chart(vec![bar("2024-01", [1, 3]), bar("2024-02", [0, 0])]), true);
        assert!(svg.contains("data-series=\"female\" data-value=\"1\" data-total=\"4\""), "{svg}");
        assert!(svg.contains("<title>2024-01: women 1 of 4 quotes (25.0%)</title>"), "{svg}");
        // 176 = plot height: the two shares stack to the whole.
        assert!(svg.contains("height=\"44.0\"") && svg.contains("height=\"132.0\""), "{svg}");
        assert!(svg.contains("data-key=\"2024-02\"") && svg.contains("data-value=\"0\" data-total=\"0\""));
    }

    #[test]
    fn names_are_escaped_everywhere() {
        let evil = "<img src=x onerror=alert(1)>\"'&";
        let mut b = bar(evil, [1, 1]);
        b.label = evil.into();
        for svg in [rows(&chart(vec![b])), ranking(&chart(vec![bar(evil, [2, 0])]))] {
            assert!(!svg.contains("<img"), "{svg}");
            assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;"), "{svg}");
        }
    }

    #[test]
    fn count_axis_is_round() {
        assert_eq!([1, 3, 7, 10, 11, 23, 180, 999].map(nice_ceiling), [1, 3, 8, 10, 20, 25, 200, 1000]);
        assert_eq!(nice_ceiling(u64::MAX), u64::MAX);
        assert_eq!(shorten("abcdef", 4), "abc…");
    }
}
