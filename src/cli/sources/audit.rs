//! Adding up the sources of many drafts: in all, per month, per author, per section and per source.
//!
//! Counting follows the newsroom trackers (NPR, BBC 50:50): a source counts once per draft that
//! quotes them ("sources"), and each quotation counts ("quotes"). Gender is tallied for named
//! people only (`person`); unnamed sources, groups and organisations are counted by kind. A draft
//! adds to the tallies in input order, so the report is the same however many threads read it.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::front_matter::FrontMatter;
pub use crate::analysis::sources::{Gender, SourceKind};

/// Women, men, unknown: the order of every gender table and chart.
pub const GENDERS: [Gender; 3] = [Gender::Female, Gender::Male, Gender::Unknown];

/// One source of one draft, as the audit keeps it (the core's [`crate::analysis::sources::Source`]
/// without its spans and evidence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceCount {
    pub name: String,
    pub kind: SourceKind,
    pub gender: Gender,
    pub quotes: u32,
    pub words: u32,
}

/// What the audit keeps of one draft.
#[derive(Debug, Clone, Default)]
pub struct DraftRecord {
    pub meta: FrontMatter,
    pub sources: Vec<SourceCount>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Count {
    /// Drafts quoting the source, summed over sources.
    pub sources: u64,
    pub quotes: u64,
    /// Words inside the quotation marks.
    pub words: u64,
}

impl Count {
    fn add(&mut self, source: &SourceCount) {
        self.sources += 1;
        self.quotes += u64::from(source.quotes);
        self.words += u64::from(source.words);
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct KindCounts {
    pub person: Count,
    pub unnamed: Count,
    pub group: Count,
    pub organization: Count,
}

impl KindCounts {
    pub fn get(&self, kind: SourceKind) -> &Count {
        match kind {
            SourceKind::Person => &self.person,
            SourceKind::Unnamed => &self.unnamed,
            SourceKind::Group => &self.group,
            SourceKind::Organization => &self.organization,
        }
    }

    fn get_mut(&mut self, kind: SourceKind) -> &mut Count {
        match kind {
            SourceKind::Person => &mut self.person,
            SourceKind::Unnamed => &mut self.unnamed,
            SourceKind::Group => &mut self.group,
            SourceKind::Organization => &mut self.organization,
        }
    }
}

/// Named people by gender.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct GenderCounts {
    pub female: Count,
    pub male: Count,
    pub unknown: Count,
}

impl GenderCounts {
    pub fn get(&self, gender: Gender) -> &Count {
        match gender {
            Gender::Female => &self.female,
            Gender::Male => &self.male,
            Gender::Unknown => &self.unknown,
        }
    }

    fn get_mut(&mut self, gender: Gender) -> &mut Count {
        match gender {
            Gender::Female => &mut self.female,
            Gender::Male => &mut self.male,
            Gender::Unknown => &mut self.unknown,
        }
    }
}

/// The counts over a set of drafts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub drafts: u64,
    /// Drafts with at least one source.
    pub drafts_quoting: u64,
    /// Every kind together.
    pub sources: u64,
    pub quotes: u64,
    pub words: u64,
    pub kinds: KindCounts,
    /// Named people (`kind` person) only.
    pub gender: GenderCounts,
}

impl Tally {
    fn add(&mut self, draft: &DraftRecord) {
        self.drafts += 1;
        self.drafts_quoting += u64::from(!draft.sources.is_empty());
        for source in &draft.sources {
            self.sources += 1;
            self.quotes += u64::from(source.quotes);
            self.words += u64::from(source.words);
            self.kinds.get_mut(source.kind).add(source);
            if source.kind == SourceKind::Person {
                self.gender.get_mut(source.gender).add(source);
            }
        }
    }
}

/// A month, author or section and its tally. `key` is `None` for drafts without one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    pub key: Option<String>,
    #[serde(flatten)]
    pub tally: Tally,
}

/// One source over the whole archive (same name and kind).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceTotal {
    pub name: String,
    pub kind: SourceKind,
    /// The gender the drafts show, when those that show one agree; otherwise `unknown`.
    pub gender: Gender,
    /// Drafts quoting this source.
    pub drafts: u64,
    pub quotes: u64,
    pub words: u64,
    /// Drafts whose text shows each gender (they disagree when two people share a name).
    pub drafts_female: u64,
    pub drafts_male: u64,
    /// The earliest and latest month of the drafts quoting them, when dated.
    pub first_month: Option<String>,
    pub last_month: Option<String>,
}

/// The audit's result, sorted for output; every format prints this.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Drafts read (not counting those that could not be).
    pub drafts: u64,
    pub unreadable: u64,
    pub totals: Tally,
    /// Oldest first; undated drafts last.
    pub by_month: Vec<Group>,
    /// Most drafts first; a draft with two authors counts for each.
    pub by_author: Vec<Group>,
    pub by_section: Vec<Group>,
    /// Most quoted first.
    pub sources: Vec<SourceTotal>,
}

#[derive(Default)]
pub struct Audit {
    report: Report,
    months: BTreeMap<Option<String>, Tally>,
    authors: HashMap<Option<String>, Tally>,
    sections: HashMap<Option<String>, Tally>,
    sources: HashMap<(String, SourceKind), SourceTotal>,
}

impl Audit {
    pub fn add(&mut self, draft: &DraftRecord) {
        self.report.drafts += 1;
        self.report.totals.add(draft);
        let month = draft.meta.month();
        self.months.entry(month.clone()).or_default().add(draft);
        if draft.meta.authors.is_empty() {
            self.authors.entry(None).or_default().add(draft);
        }
        for author in dedup(&draft.meta.authors) {
            self.authors.entry(Some(author.clone())).or_default().add(draft);
        }
        self.sections.entry(draft.meta.section.clone()).or_default().add(draft);
        for source in &draft.sources {
            let total = self
                .sources
                .entry((source.name.clone(), source.kind))
                .or_insert_with(|| SourceTotal {
                    name: source.name.clone(),
                    kind: source.kind,
                    gender: Gender::Unknown,
                    drafts: 0,
                    quotes: 0,
                    words: 0,
                    drafts_female: 0,
                    drafts_male: 0,
                    first_month: None,
                    last_month: None,
                });
            total.drafts += 1;
            total.quotes += u64::from(source.quotes);
            total.words += u64::from(source.words);
            total.drafts_female += u64::from(source.gender == Gender::Female);
            total.drafts_male += u64::from(source.gender == Gender::Male);
            if let Some(month) = &month {
                if total.first_month.as_ref().is_none_or(|m| month < m) {
                    total.first_month = Some(month.clone());
                }
                if total.last_month.as_ref().is_none_or(|m| month > m) {
                    total.last_month = Some(month.clone());
                }
            }
        }
    }

    pub fn unreadable(&mut self) {
        self.report.unreadable += 1;
    }

    pub fn finish(self) -> Report {
        let mut report = self.report;
        // BTreeMap order puts `None` first; undated drafts go last.
        let (undated, dated): (Vec<_>, Vec<_>) = self.months.into_iter().partition(|(k, _)| k.is_none());
        report.by_month = dated.into_iter().chain(undated).map(|(key, tally)| Group { key, tally }).collect();
        report.by_author = by_size(self.authors);
        report.by_section = by_size(self.sections);
        let mut sources: Vec<SourceTotal> = self.sources.into_values().collect();
        for s in &mut sources {
            s.gender = match (s.drafts_female, s.drafts_male) {
                (f, 0) if f > 0 => Gender::Female,
                (0, m) if m > 0 => Gender::Male,
                _ => Gender::Unknown,
            };
        }
        sources.sort_by(|a, b| {
            (b.quotes, b.drafts, &a.name, a.kind.as_str()).cmp(&(a.quotes, a.drafts, &b.name, b.kind.as_str()))
        });
        report.sources = sources;
        report
    }
}

/// Most drafts first, then by name; drafts without the key last.
fn by_size(groups: HashMap<Option<String>, Tally>) -> Vec<Group> {
    let mut groups: Vec<Group> = groups.into_iter().map(|(key, tally)| Group { key, tally }).collect();
    groups.sort_by(|a, b| {
        (a.key.is_none(), std::cmp::Reverse(a.tally.drafts), &a.key)
            .cmp(&(b.key.is_none(), std::cmp::Reverse(b.tally.drafts), &b.key))
    });
    groups
}

/// The authors once each (a front matter that names one twice credits them once).
fn dedup(authors: &[String]) -> impl Iterator<Item = &String> {
    authors.iter().enumerate().filter(move |(i, a)| !authors[..*i].contains(a)).map(|(_, a)| a)
}

impl Report {
    /// Named people by quotes, most first (the "most quoted people").
    pub fn people(&self) -> impl Iterator<Item = &SourceTotal> {
        self.sources.iter().filter(|s| s.kind == SourceKind::Person)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn source(name: &str, kind: SourceKind, gender: Gender, quotes: u32, words: u32) -> SourceCount {
        SourceCount { name: name.into(), kind, gender, quotes, words }
    }

    pub fn draft(date: Option<&str>, authors: &[&str], section: Option<&str>, sources: Vec<SourceCount>) -> DraftRecord {
        DraftRecord {
            meta: FrontMatter {
                date: date.map(Into::into),
                authors: authors.iter().map(|a| a.to_string()).collect(),
                section: section.map(Into::into),
            },
            sources,
        }
    }

    /// Three drafts: two in March by Ana (one also by Bo), one undated without an author.
    pub fn sample() -> Report {
        use Gender::*;
        use SourceKind::*;
        let mut audit = Audit::default();
        audit.add(&draft(Some("2024-03-02"), &["Ana Ruiz"], Some("City"), vec![
            source("Maria Lopez", Person, Female, 3, 30),
            source("Tom Hale", Person, Male, 1, 5),
            source("a city official", Unnamed, Unknown, 2, 12),
        ]));
        audit.add(&draft(Some("2024-03-20"), &["Ana Ruiz", "Bo Lind", "Ana Ruiz"], Some("City"), vec![
            source("Maria Lopez", Person, Unknown, 1, 8),
            source("the council", Group, Unknown, 1, 4),
        ]));
        audit.add(&draft(Some("2024-04-01"), &[], None, vec![source("Tom Hale", Person, Male, 2, 10)]));
        audit.add(&draft(None, &["Bo Lind"], Some("Sport"), vec![]));
        audit.unreadable();
        audit.finish()
    }

    #[test]
    fn totals_count_sources_once_per_draft_and_gender_for_people_only() {
        let r = sample();
        assert_eq!((r.drafts, r.unreadable), (4, 1));
        let t = &r.totals;
        assert_eq!((t.drafts, t.drafts_quoting, t.sources, t.quotes, t.words), (4, 3, 6, 10, 69));
        assert_eq!(t.kinds.person, Count { sources: 4, quotes: 7, words: 53 });
        assert_eq!(t.kinds.unnamed, Count { sources: 1, quotes: 2, words: 12 });
        assert_eq!(t.kinds.group.sources, 1);
        assert_eq!(t.gender.female, Count { sources: 1, quotes: 3, words: 30 });
        assert_eq!(t.gender.male, Count { sources: 2, quotes: 3, words: 15 });
        assert_eq!(t.gender.unknown, Count { sources: 1, quotes: 1, words: 8 });
    }

    #[test]
    fn months_in_order_undated_last() {
        let r = sample();
        let keys: Vec<_> = r.by_month.iter().map(|g| g.key.as_deref()).collect();
        assert_eq!(keys, [Some("2024-03"), Some("2024-04"), None]);
        assert_eq!(r.by_month[0].tally.gender.female.quotes, 3);
        assert_eq!(r.by_month[0].tally.drafts, 2);
    }

    #[test]
    fn authors_each_credited_once_and_missing_keys_last() {
        let r = sample();
        let authors: Vec<_> = r.by_author.iter().map(|g| (g.key.as_deref(), g.tally.drafts)).collect();
        assert_eq!(authors, [(Some("Ana Ruiz"), 2), (Some("Bo Lind"), 2), (None, 1)]);
        let sections: Vec<_> = r.by_section.iter().map(|g| (g.key.as_deref(), g.tally.drafts)).collect();
        assert_eq!(sections, [(Some("City"), 2), (Some("Sport"), 1), (None, 1)]);
    }

    #[test]
    fn sources_most_quoted_first_with_agreed_gender_and_months() {
        let r = sample();
        let maria = &r.sources[0];
        assert_eq!((maria.name.as_str(), maria.quotes, maria.drafts, maria.gender), ("Maria Lopez", 4, 2, Gender::Female));
        assert_eq!(maria.first_month.as_deref(), Some("2024-03"));
        let tom = r.people().nth(1).unwrap();
        assert_eq!((tom.name.as_str(), tom.quotes, tom.gender), ("Tom Hale", 3, Gender::Male));
        assert_eq!((tom.first_month.as_deref(), tom.last_month.as_deref()), (Some("2024-03"), Some("2024-04")));
        assert_eq!(r.people().count(), 2);
    }

    #[test]
    fn a_name_shown_as_both_genders_is_unknown() {
        let mut audit = Audit::default();
        audit.add(&draft(None, &[], None, vec![source("Sam Lee", SourceKind::Person, Gender::Female, 1, 1)]));
        audit.add(&draft(None, &[], None, vec![source("Sam Lee", SourceKind::Person, Gender::Male, 1, 1)]));
        let r = audit.finish();
        assert_eq!(r.sources[0].gender, Gender::Unknown);
        assert_eq!((r.sources[0].drafts_female, r.sources[0].drafts_male), (1, 1));
    }
}
