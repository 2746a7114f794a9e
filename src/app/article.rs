//! An analysed article on screen, with what the panels derive from it computed once: the entity
//! order, the quote panel's groups and rows for the selection, the stops to step through.

#![allow(
    clippy::wildcard_imports,
    reason = "a part of `app`, split off by concern: it shares the module's imports and private items"
)]

use super::*;

/// An analysed article on screen, with what the panels derive from it computed once.
pub struct Article {
    /// Unique in this process: the UI keys its caches by it.
    pub id: u64,
    /// Display name.
    pub name: String,
    /// The file it was read from, absolute (`None` for the sample and standard input).
    pub path: Option<PathBuf>,
    /// Where to open it: the byte offset to show at the top (0, or where it was last read).
    pub start: usize,
    /// An HTML page's byline and date, shown above the article (not part of its text).
    pub byline: Option<String>,
    /// See `byline`.
    pub date: Option<String>,
    /// Its text.
    pub text: String,
    /// The analysis of `text` with the review's corrections applied (the engine's own, shared,
    /// when there is none).
    pub analysis: Arc<Analysis>,
    /// The engine's analysis of `text`, before any correction.
    pub engine: Arc<Analysis>,
    /// The review: corrections, where they are kept, what is checked.
    pub review: review::ReviewState,
    /// Counts the changes to `analysis` (corrections made or undone): the UI rebuilds what it
    /// derived from it when this changes.
    pub revision: u64,
    /// Whether the text is empty or only white space.
    pub empty: bool,
    /// Its quotations and reported speech.
    pub quote_counts: QuoteCounts,
    /// People, most mentioned first.
    pub people_order: Vec<usize>,
    /// Countries, most mentioned first.
    pub country_order: Vec<usize>,
    /// The who-said-what panel for the current selection (see [`Article::select`]).
    pub panel: QuotePanel,
}

/// What the who-said-what panel lists for one selection.
pub struct QuotePanel {
    /// The selection it was built for.
    pub selected: Option<EntityRef>,
    /// Whether it lists only the quotes not checked yet.
    pub unchecked_only: bool,
    /// Speech quotes by the selected entity (all, without a selection), grouped by speaker.
    pub groups: Vec<SpeakerGroup>,
    /// The panel's rows, in order: group headings and their quotes, then the other speech
    /// quotes whose words mention the selected entity.
    pub items: Vec<PanelItem>,
}

/// One row of the who-said-what panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelItem {
    /// "No quotations found" (or none by the selection).
    Empty,
    /// The heading of a speaker's group.
    Group {
        /// Index into `QuotePanel::groups`.
        group: usize,
        /// Its quotations and reported speech.
        counts: QuoteCounts,
    },
    /// A quote card (index into `Analysis::quotes`).
    Quote(usize),
    /// The heading of the "Quotes that mention X" section.
    MentionsHeading,
}

/// The id of the next article made (0 stands for none).
pub(super) static NEXT_ARTICLE_ID: AtomicU64 = AtomicU64::new(1);

/// Indices `0..len`, most mentioned first, ties in order of first mention.
pub(super) fn by_mentions(len: usize, mentions: impl Fn(usize) -> usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|x, y| mentions(*y).cmp(&mentions(*x)).then(x.cmp(y)));
    order
}

impl Article {
    /// Analyses `text` (on this thread) into an article.
    pub fn new(name: String, text: String) -> Self {
        let analysis = analysis::analyze(&text);
        Self::from_analysis(name, text, analysis)
    }

    /// [`Article::new`], unless `cancel` is set before the analysis is done.
    pub fn new_unless(name: String, text: String, cancel: &AtomicBool) -> Option<Self> {
        let analysis = analysis::analyze_unless(&text, &|| cancel.load(Ordering::Relaxed))?;
        Some(Self::from_analysis(name, text, analysis))
    }

    fn from_analysis(name: String, text: String, analysis: Analysis) -> Self {
        let engine = Arc::new(analysis);
        let mut review = review::ReviewState::new(crate::review::ArticleInfo::of(&name, &text));
        review.flags = crate::review::Flags::none(&engine);
        let mut article = Self {
            id: NEXT_ARTICLE_ID.fetch_add(1, Ordering::Relaxed),
            name,
            path: None,
            start: 0,
            byline: None,
            date: None,
            empty: text.trim().is_empty(),
            quote_counts: QuoteCounts::default(),
            people_order: Vec::new(),
            country_order: Vec::new(),
            analysis: Arc::clone(&engine),
            engine,
            text,
            review,
            revision: 0,
            panel: QuotePanel::new(&Analysis::default(), None, None),
        };
        article.derive();
        article
    }

    /// Computes what the panels list from the analysis: counts, orders, the quote panel.
    pub(super) fn derive(&mut self) {
        let analysis = &self.analysis;
        self.people_order =
            by_mentions(analysis.people.len(), |i| analysis.people[i].mentions.len());
        self.country_order = by_mentions(analysis.countries.len(), |i| {
            analysis.countries[i].mentions.len()
        });
        self.quote_counts = analysis.quote_counts();
        self.review.checked = self.review.flags.checked_of(analysis);
        self.panel = QuotePanel::new(analysis, None, None);
    }

    /// Builds the who-said-what panel for `selected` (only the quotes not checked yet, with
    /// `unchecked_only`), unless it is built for that already.
    pub fn select(&mut self, selected: Option<EntityRef>, unchecked_only: bool) {
        if self.panel.selected != selected || self.panel.unchecked_only != unchecked_only {
            let hide = unchecked_only.then_some(self.review.flags.checked.as_slice());
            self.panel = QuotePanel::new(&self.analysis, selected, hide);
        }
    }

    /// The places to step through for an entity, in text order: its mentions, and the speech
    /// it is the speaker of.
    pub fn stops(&self, e: EntityRef) -> Vec<Span> {
        let a = &self.analysis;
        let mut stops: Vec<Span> = match e {
            EntityRef::Person(pi) => a.people.get(pi).map(|p| p.mentions.clone()),
            EntityRef::Country(ci) => a
                .countries
                .get(ci)
                .map(|c| c.mentions.iter().map(|m| m.span).collect()),
        }
        .unwrap_or_default();
        stops.extend(
            a.quotes
                .iter()
                .filter(|q| q.is_speech())
                .filter(|q| q.speaker.as_ref().is_some_and(|s| s.entity == Some(e)))
                .map(Quote::outer),
        );
        stops.sort_unstable();
        stops.dedup();
        stops
    }

    /// The people and countries whose names contain `filter` (ignoring case), most mentioned
    /// first.
    pub fn listed(&self, filter: &str) -> (Vec<usize>, Vec<usize>) {
        let f = filter.trim().to_lowercase();
        if f.is_empty() {
            return (self.people_order.clone(), self.country_order.clone());
        }
        let a = &self.analysis;
        let keep = |name: &str| name.to_lowercase().contains(&f);
        (
            self.people_order
                .iter()
                .copied()
                .filter(|&i| a.people.get(i).is_some_and(|p| keep(&p.name)))
                .collect(),
            self.country_order
                .iter()
                .copied()
                .filter(|&i| a.countries.get(i).is_some_and(|c| keep(&c.name)))
                .collect(),
        )
    }
}

impl QuotePanel {
    /// Groups the speech quotes for a selection, leaving out those `hide` marks.
    fn new(a: &Analysis, selected: Option<EntityRef>, hide: Option<&[bool]>) -> Self {
        let by_selected = |q: &Quote| match selected {
            None => true,
            Some(e) => q.speaker.as_ref().is_some_and(|s| s.entity == Some(e)),
        };
        // Quotes are compared by position: `speaker_groups` passes them by reference.
        let shown = |q: &Quote| {
            hide.is_none_or(|h| {
                let qi = a
                    .quotes
                    .partition_point(|x| (x.span.start, x.span.end) < (q.span.start, q.span.end));
                h.get(qi) != Some(&true)
            })
        };
        let groups = a.speaker_groups(|q| q.is_speech() && by_selected(q) && shown(q));
        let mentioning = selected.map_or_else(Vec::new, |e| {
            (0..a.quotes.len())
                .filter(|&qi| {
                    let q = &a.quotes[qi];
                    q.is_speech() && !by_selected(q) && shown(q) && a.quote_mentions(q, e)
                })
                .collect()
        });
        let mut items = Vec::new();
        if groups.is_empty() {
            items.push(PanelItem::Empty);
        }
        for (gi, g) in groups.iter().enumerate() {
            let counts = QuoteCounts::of(g.quotes.iter().filter_map(|&qi| a.quotes.get(qi)));
            items.push(PanelItem::Group { group: gi, counts });
            items.extend(g.quotes.iter().map(|&qi| PanelItem::Quote(qi)));
        }
        if !mentioning.is_empty() {
            items.push(PanelItem::MentionsHeading);
            items.extend(mentioning.iter().map(|&qi| PanelItem::Quote(qi)));
        }
        Self {
            selected,
            unchecked_only: hide.is_some(),
            groups,
            items,
        }
    }
}
