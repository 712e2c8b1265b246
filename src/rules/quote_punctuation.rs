use super::{Edit, Finding, Fix, Rule, RuleContext, RuleMeta};
use crate::analysis::dateline::month_number;
use crate::analysis::quotes::{MarkStyle, Quote, QuoteKind};
use crate::analysis::span::Span;
use crate::analysis::tokens::{Token, TokenKind};
use crate::analysis::Analysis;
use crate::config::QuoteStyle;

crate::declare_rule! {
    /// ## What it does
    /// Flags a comma or full stop placed after a closing quotation mark: `"We won", he said.`
    /// Only in American (AP) style; set `quote_style = "british"` in the configuration to turn it
    /// off, since British style puts them inside only when they belong to the quotation. The
    /// default, `auto`, is American unless the draft itself follows British (logical) punctuation
    /// consistently: no quoted fragment closes with the mark inside, nothing is written the American
    /// way (`Mr.`, `Feb. 9`), and either the marks sit outside more than once or the draft's house
    /// style is British (`Mr Smith`, `9 February`, `organise`, `colour`). Whole quoted sentences
    /// (`"We won," he said.`) end inside in both styles and count for neither. Quotes whose words
    /// already end in punctuation are left alone.
    ///
    /// ## Why it matters
    /// AP and US house styles put commas and full stops inside the closing mark, always. Mixed
    /// placement looks careless to readers and desks.
    ///
    /// ## Example
    /// ```text
    /// "We won", he said. She called it "a fair result".
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// "We won," he said. She called it "a fair result."
    /// ```
    pub struct QuotePunctuation {
        code: "quote-punctuation",
        summary: "A comma or full stop sits outside the closing quotation mark",
        severity: Warning,
    }
}

impl Rule for QuotePunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, out: &mut Vec<Finding>) {
        if cx.config.quote_style == QuoteStyle::British {
            return;
        }
        let a = cx.analysis;
        let text = &*a.scan_text;
        let mut found = Vec::new();
        // Fragments (`called it "a fair result."`) with the stop inside: American placement, since
        // British style would put it outside. Whole sentences end inside in both styles.
        let mut fragments_inside = 0;
        // What the text says of each quote's closing, read only where the edit touched it.
        cx.memo.quotes.per_quote(Self::META.code, a, |q| closing_spans(a, q), |_, [words, after]| read_closing(text, words, after), |q, [words, after], closing| {
            if closing.stop_inside && (q.kind == QuoteKind::Partial || closing.lower_start) {
                fragments_inside += 1;
            }
            let Some(mark) = closing.misplaced else { return };
            let words_end = (words.start + closing.words_len) as usize;
            let at = after.start as usize;
            found.push(Finding {
                code: Self::META.code,
                severity: Self::META.default_severity,
                span: Span::new(words_end, at + 1),
                message: format!("Put the {} inside the closing quotation mark", if mark == ',' { "comma" } else { "full stop" }).into(),
                fixes: vec![Fix {
                    title: format!("Move the `{mark}` inside the quotation mark"),
                    edits: vec![
                        Edit { span: Span::empty_at(words_end), replacement: mark.to_string() },
                        Edit { span: Span::new(at, at + 1), replacement: String::new() },
                    ],
                    preferred: true,
                }],
                related: Vec::new(),
            });
        });
        if found.is_empty() {
            return;
        }
        if cx.config.quote_style == QuoteStyle::American || !reads_british(a, found.len(), fragments_inside) {
            out.extend(found);
        }
    }
}

/// What the rule reads of a closed double quote of speech: its words, and the bytes after its
/// closing mark that may hold a comma or a full stop (a mark and the character after it).
fn closing_spans(a: &Analysis, q: &Quote) -> Option<[Span; 2]> {
    if !q.closed || !q.kind.is_speech() || q.parent.is_some() || q.style != MarkStyle::Double {
        return None;
    }
    let end = (q.span.end as usize + 5).min(a.scan_text.len());
    Some([q.content, Span::new(q.span.end as usize, end)])
}

/// How a quote closes, read from its words and what follows its closing mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Closing {
    /// The length of the words without the blanks after them.
    words_len: u32,
    /// The words end in a comma or a full stop.
    stop_inside: bool,
    /// The words start in lower case: a fragment rather than a whole sentence (as a partial
    /// quote is).
    lower_start: bool,
    /// The comma or full stop after the closing mark that belongs inside it.
    misplaced: Option<char>,
}

/// [`Closing`] of the quote with `words`, whose closing mark is followed by `after`.
fn read_closing(text: &str, words: Span, after: Span) -> Closing {
    let words = words.text(text).trim_end();
    let misplaced = || {
        let after = &text[after.start as usize..];
        let Some(mark @ (',' | '.')) = after.chars().next() else { return None };
        // `"...".` after an ellipsis, `"U.S."` and `"Why?",` already end in punctuation.
        if words.is_empty() || words.ends_with(|c: char| !c.is_alphanumeric() && !matches!(c, ')' | '%')) {
            return None;
        }
        // `"1.5".5` and `"Q",,` are typos of another kind.
        if after[1..].starts_with(|c: char| c.is_alphanumeric() || c == mark) {
            return None;
        }
        Some(mark)
    };
    Closing {
        words_len: words.len() as u32,
        stop_inside: words.ends_with([',', '.']),
        lower_start: words.trim_start().starts_with(|c: char| c.is_lowercase()),
        misplaced: misplaced(),
    }
}

/// Whether a draft with `outside` marks placed outside follows British (logical) punctuation
/// consistently: no fragment closes with the mark inside, nothing in the draft's house style is
/// American, and either the marks are outside more than once or the house style is British.
fn reads_british(a: &Analysis, outside: usize, fragments_inside: usize) -> bool {
    if fragments_inside > 0 {
        return false;
    }
    let house = HouseStyle::read(a);
    !house.american && (outside >= 2 || house.british)
}

/// Signs of a house style outside the quotes, read from the draft's words.
#[derive(Debug, Default, PartialEq)]
struct HouseStyle {
    /// `Mr Smith`, `9 February`, `organise`, `colour`.
    british: bool,
    /// `Mr. Smith`, `Feb. 9`, `February 9`.
    american: bool,
}

impl HouseStyle {
    fn read(a: &Analysis) -> HouseStyle {
        let mut house = HouseStyle::default();
        let text = &*a.scan_text;
        for p in a.paragraphs.iter().chain(&a.headings) {
            let toks: Vec<Token> = p.tokens().filter(|t| t.kind != TokenKind::QuoteMark).collect();
            for (i, t) in toks.iter().enumerate() {
                let word = t.text(text);
                let next = toks.get(i + 1);
                let dot_next = next.is_some_and(|n| n.text(text) == "." && n.span.start == t.span.end);
                let after_dot = toks.get(i + if dot_next { 2 } else { 1 });
                let capitalised_after = |n: Option<&Token>| n.is_some_and(|n| n.text(text).starts_with(char::is_uppercase));
                if COURTESY_TITLES.contains(&word) {
                    if dot_next && capitalised_after(after_dot) {
                        house.american = true;
                    } else if !dot_next && capitalised_after(next) {
                        house.british = true;
                    }
                } else if t.kind == TokenKind::Number && is_day(word) && next.is_some_and(|n| is_month(n.text(text))) {
                    house.british = true;
                } else if is_month(word) && after_dot.is_some_and(|n| n.kind == TokenKind::Number && is_day(n.text(text))) {
                    house.american = true;
                } else if is_british_spelling(word) {
                    house.british = true;
                }
            }
        }
        house
    }
}

const COURTESY_TITLES: &[&str] = &["Mr", "Mrs", "Ms", "Dr"];

fn is_day(word: &str) -> bool {
    word.len() <= 2 && word.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
}

/// A capitalised month name or its usual abbreviation (`February`, `Feb`, `Sept`).
fn is_month(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
        && (word.len() == 3 || word == "Sept" || word.len() >= 4 && MONTH_NAMES.iter().any(|m| m.eq_ignore_ascii_case(word)))
        && month_number(word).is_some()
}

const MONTH_NAMES: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
];

/// Lower-case words spelt the British way (`colour`, `organised`, `centre`, `programme`). Capitalised
/// words are left out: names such as `Labour` or `Harbour Street` say nothing about the desk.
fn is_british_spelling(word: &str) -> bool {
    if !word.starts_with(|c: char| c.is_ascii_lowercase()) || word.len() < 5 {
        return false;
    }
    BRITISH_WORDS.contains(&word)
        || BRITISH_ISE_STEMS.iter().any(|stem| {
            word.strip_prefix(stem).is_some_and(|rest| matches!(rest, "e" | "ed" | "es" | "ing" | "ation" | "ations"))
        })
        || OUR_STEMS.iter().any(|stem| {
            word.strip_prefix(stem).is_some_and(|rest| matches!(rest, "our" | "ours" | "oured" | "ouring" | "ourite" | "ourable"))
        })
}

/// `-ise` verbs American style writes with `-ize`; matched with their endings, so `emphasis`
/// (also American) does not count, only `emphasise`.
const BRITISH_ISE_STEMS: &[&str] = &[
    "organis", "recognis", "realis", "apologis", "criticis", "emphasis", "privatis", "authoris", "prioritis",
    "minimis", "maximis", "summaris", "characteris", "finalis", "normalis", "stabilis", "mobilis", "legalis",
    "modernis", "capitalis", "jeopardis", "scrutinis", "specialis", "utilis", "subsidis", "penalis", "categoris",
];

/// Stems of `-our` words American style writes with `-or`: `colour`, `favoured`, `behaviour`.
const OUR_STEMS: &[&str] = &["col", "fav", "hon", "lab", "neighb", "behavi", "hum", "rum", "harb", "flav", "endeav", "vap", "savi", "arm"];

const BRITISH_WORDS: &[&str] = &[
    "centre", "centres", "theatre", "theatres", "metre", "metres", "litre", "litres", "fibre", "calibre",
    "programme", "programmes", "defence", "offence", "licence", "cheque", "cheques", "tyre", "tyres", "kerb",
    "aluminium", "travelled", "travelling", "cancelled", "cancelling", "labelled", "modelling", "jewellery",
    "whilst", "amongst", "analyse", "analysed", "manoeuvre", "sceptical", "sceptic", "sceptics", "storey",
    "plough", "mould", "enrol", "fulfil", "judgement", "ageing", "paediatric", "anaesthetic", "oestrogen",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, layout::Format};
    use crate::config::Config;
    use crate::rules::test_support::{run, run_with};

    fn flagged(text: &str) -> Vec<String> {
        run(&QuotePunctuation, text).into_iter().map(|(t, _)| t).collect()
    }

    fn fixed(text: &str) -> String {
        let analysis = analyze(text, Format::Plain);
        let config = Config::default();
        let mut out = Vec::new();
        QuotePunctuation.check(&RuleContext { analysis: &analysis, config: &config, memo: &Default::default() }, &mut out);
        let mut edits: Vec<Edit> = out.into_iter().flat_map(|f| f.fixes).flat_map(|f| f.edits).collect();
        edits.sort_by_key(|e| std::cmp::Reverse(e.span));
        let mut s = text.to_string();
        for e in edits {
            s.replace_range(e.span.range(), &e.replacement);
        }
        s
    }

    const DRAFT: &str = include_str!("../../tests/fixtures/rules/quote-punctuation.txt");

    #[test]
    fn flags_commas_and_stops_outside_the_marks() {
        assert_eq!(flagged(DRAFT), ["\",", "”."]);
        assert!(fixed(DRAFT).contains("\"We won the vote,\" Ines Okafor said"), "{}", fixed(DRAFT));
        assert!(fixed(DRAFT).contains("“a fair result for the town.”\n"), "{}", fixed(DRAFT));
    }

    #[test]
    fn leaves_correct_and_british_copy_alone() {
        for text in [
            "\"We won the vote,\" Ines Okafor said.",
            "\"Did we win the vote?\", she asked, and laughed.",
            "She said the board \"will have to wait...\".",
        ] {
            assert_eq!(flagged(text), Vec::<String>::new(), "{text}");
        }
        let british = Config { quote_style: QuoteStyle::British, ..Config::default() };
        assert!(run_with(&QuotePunctuation, DRAFT, &british).is_empty());
        // A draft that follows British style throughout is read as British...
        let consistent = "Mr Bez called it \"the most important car\". Others said it was \"a niche player\".";
        assert_eq!(flagged(consistent), Vec::<String>::new());
        // ...unless the configuration asks for American style.
        let american = Config { quote_style: QuoteStyle::American, ..Config::default() };
        assert_eq!(run_with(&QuotePunctuation, consistent, &american).len(), 2);
    }

    #[test]
    fn auto_reads_consistent_logical_punctuation_as_british() {
        for text in [
            // Outside twice, and whole sentences inside: consistent logical punctuation.
            "The board called the result \"fair\". \"We are pleased,\" Ines Okafor said. She hoped for \"a calm winter\".",
            // Outside once, in a draft that writes dates the British way...
            "The board met on 9 February. It called the result \"a fair one for the town\".",
            // ...or spells the British way.
            "The board organised a vote. It called the result \"a fair one for the town\".",
            "The harbour's colours were lowered. It called the result \"a fair one for the town\".",
        ] {
            assert_eq!(flagged(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn auto_stays_american_when_the_draft_is_not_consistently_british() {
        for text in [
            // One placement outside and nothing else to go by: the American default.
            "The board called the result \"a fair one for the town\".",
            // A fragment closed inside elsewhere: the outside ones are slips.
            "The board called the result \"fair\". She hoped for \"a calm winter.\" It was \"overdue\".",
            // American house style: dates and titles with a stop.
            "The board met on Feb. 9. It called the result \"fair\". Mr. Reyes called it \"late\".",
            "The board met on February 9 and organised a vote. Ms Reyes called it \"late\". Others said \"early\".",
        ] {
            assert!(!flagged(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn house_style_signs() {
        assert!(is_british_spelling("organised") && is_british_spelling("favourite") && is_british_spelling("centre"));
        assert!(!is_british_spelling("emphasis") && !is_british_spelling("Labour") && !is_british_spelling("color"));
        assert!(is_month("Feb") && is_month("September") && is_month("Sept"));
        assert!(!is_month("Marc") && !is_month("may") && !is_month("Mayor"));
    }
}
