//! The syntax model: the file format (a header with the format version, the training data's
//! hash and the scores measured when it was trained, the tag and relation names, the three
//! weight tables, then the tag lexicon) and tagging and parsing with it.

use super::features::{self, Lex, ROOT};
use super::parser::{self, Input};
use super::perceptron::{Compact, Reader, write_string};
use super::tagger::{self, TagLexicon};

/// The first bytes of a model file.
pub const MAGIC: &[u8; 8] = b"QLSYNTX\0";
/// The format this code reads and writes (2: the header holds the parser's beam width; 3: the
/// parser's weights are 8-bit, four to a feature; 4: the tagger's tag lexicon follows the
/// weights).
pub const FORMAT: u32 = 4;

/// Accuracy on one split, in percent.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scores {
    /// UPOS accuracy.
    pub upos: f32,
    /// XPOS accuracy.
    pub xpos: f32,
    /// Unlabelled attachment score.
    pub uas: f32,
    /// Labelled attachment score (universal relation, as the `CoNLL` 2018 shared task scores it).
    pub las: f32,
}

/// What a model file says of itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Header {
    /// The format version.
    pub format: u32,
    /// SHA-256 of the training files (names and bytes, in order), hex.
    pub training_hash: String,
    /// The hash of the word lists the features read (a model trained with other lists must be
    /// retrained).
    pub lexicon_hash: u64,
    /// The parser's beam width: 1 parses greedily; more, by beam search over weights trained
    /// globally for it (a model parses only the way it was trained).
    pub beam: u32,
    /// Scores on the development split, measured when trained.
    pub dev: Scores,
    /// Scores on the test split, measured when trained.
    pub test: Scores,
}

/// A trained tagger and parser.
#[derive(Debug)]
pub struct Model {
    /// The header.
    pub header: Header,
    /// The tagger's classes: (UPOS, XPOS).
    tags: Vec<(String, String)>,
    /// The labeller's classes: relations.
    labels: Vec<String>,
    root: usize,
    tagger: Compact,
    parser: Compact,
    labeller: Compact,
    /// The tags each training word was seen with.
    lexicon: TagLexicon,
}

/// A sentence's syntax: per word, its tag, head and relation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parse {
    /// Per word, the tagger's class (see [`Model::upos`], [`Model::xpos`]).
    pub tags: Vec<u16>,
    /// Per word, its head: `None` for the root's dependent, else the index of another word.
    pub heads: Vec<Option<u32>>,
    /// Per word, the labeller's class (see [`Model::deprel`]).
    pub rels: Vec<u16>,
}

/// The hash of the word lists the features read (their whole text).
pub fn lexicon_hash() -> u64 {
    super::super::lexicon::syntax_feature_lists()
        .iter()
        .fold(features::FORMAT_SEED, |h, t| {
            features::mix(h, features::hash_bytes(t.as_bytes()))
        })
}

impl Model {
    /// Builds a model from its parts (the trainer's end).
    pub(super) fn new(
        header: Header,
        tags: Vec<(String, String)>,
        labels: Vec<String>,
        weights: [Compact; 3],
        lexicon: TagLexicon,
    ) -> Self {
        let root = labels.iter().position(|l| l == "root").unwrap_or(0);
        let [tagger, parser, labeller] = weights;
        Self {
            header,
            tags,
            labels,
            root,
            tagger,
            parser,
            labeller,
            lexicon,
        }
    }

    /// The model file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.header.format.to_le_bytes());
        write_string(&mut out, &self.header.training_hash);
        out.extend_from_slice(&self.header.lexicon_hash.to_le_bytes());
        out.extend_from_slice(&self.header.beam.to_le_bytes());
        for s in [self.header.dev, self.header.test] {
            for v in [s.upos, s.xpos, s.uas, s.las] {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out.extend_from_slice(&u32::try_from(self.tags.len()).unwrap_or(0).to_le_bytes());
        for (u, x) in &self.tags {
            write_string(&mut out, u);
            write_string(&mut out, x);
        }
        out.extend_from_slice(&u32::try_from(self.labels.len()).unwrap_or(0).to_le_bytes());
        for l in &self.labels {
            write_string(&mut out, l);
        }
        self.tagger.write(&mut out);
        self.parser.write(&mut out);
        self.labeller.write(&mut out);
        self.lexicon.write(&mut out);
        out
    }

    /// Reads a model file. `None` for anything that is not a whole model of this format.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let mut r = Reader::new(bytes);
        if r.take(8)? != MAGIC {
            return None;
        }
        let format = r.u32()?;
        if format != FORMAT {
            return None;
        }
        let training_hash = r.string()?.to_string();
        let lexicon_hash = u64::from_le_bytes(r.take(8)?.try_into().ok()?);
        let beam = r.u32()?;
        if beam == 0 {
            return None;
        }
        let mut sc = [0f32; 8];
        for v in &mut sc {
            *v = f32::from_le_bytes(r.take(4)?.try_into().ok()?);
        }
        let n_tags = r.u32()? as usize;
        let mut tags = Vec::with_capacity(n_tags.min(1024));
        for _ in 0..n_tags {
            tags.push((r.string()?.to_string(), r.string()?.to_string()));
        }
        let n_labels = r.u32()? as usize;
        let mut labels = Vec::with_capacity(n_labels.min(1024));
        for _ in 0..n_labels {
            labels.push(r.string()?.to_string());
        }
        let tagger = Compact::read(&mut r)?;
        let parser = Compact::read(&mut r)?;
        let labeller = Compact::read(&mut r)?;
        let lexicon = TagLexicon::read(&mut r, tags.len())?;
        if !r.is_empty()
            || tagger.classes() != tags.len()
            || parser.classes() != 4
            || labeller.classes() != labels.len()
            || tags.is_empty()
            || labels.is_empty()
        {
            return None;
        }
        let header = Header {
            format,
            training_hash,
            lexicon_hash,
            beam,
            dev: Scores {
                upos: sc[0],
                xpos: sc[1],
                uas: sc[2],
                las: sc[3],
            },
            test: Scores {
                upos: sc[4],
                xpos: sc[5],
                uas: sc[6],
                las: sc[7],
            },
        };
        Some(Self::new(
            header,
            tags,
            labels,
            [tagger, parser, labeller],
            lexicon,
        ))
    }

    /// The UPOS of a tagger class.
    pub fn upos(&self, tag: u16) -> &str {
        self.tags
            .get(usize::from(tag))
            .map_or("X", |t| t.0.as_str())
    }

    /// The Penn tag of a tagger class.
    pub fn xpos(&self, tag: u16) -> &str {
        self.tags
            .get(usize::from(tag))
            .map_or("XX", |t| t.1.as_str())
    }

    /// The relation of a labeller class.
    pub fn deprel(&self, rel: u16) -> &str {
        self.labels
            .get(usize::from(rel))
            .map_or("dep", String::as_str)
    }

    /// The tagger's classes.
    pub fn tag_count(&self) -> usize {
        self.tags.len()
    }

    /// The tag lexicon: the tags each training word was seen with.
    pub fn lexicon(&self) -> &TagLexicon {
        &self.lexicon
    }

    /// The features kept in the tagger, the parser and the labeller.
    pub fn feature_counts(&self) -> [usize; 3] {
        [
            self.tagger.features(),
            self.parser.features(),
            self.labeller.features(),
        ]
    }

    /// Tags a sentence given as words.
    pub fn tag(&self, words: &[&str]) -> Vec<u16> {
        to_u16(&self.tag_words(words).1)
    }

    /// The facts of a sentence's words and their tags.
    fn tag_words(&self, words: &[&str]) -> (Vec<Lex>, Vec<usize>) {
        let lex: Vec<Lex> = words.iter().map(|w| features::lex(w)).collect();
        let tags = tagger::tag(&self.tagger, &lex, &self.lexicon.values(&lex));
        (lex, tags)
    }

    /// Tags and parses a sentence given as words.
    pub fn parse(&self, words: &[&str]) -> Parse {
        self.parse_with_tags(words, &[])
    }

    /// Tags and parses a sentence, a word's tag replaced where `given` has one for it (a tag
    /// number, as [`Model::tag_number`] gives): with every tag given, what the parser does with
    /// perfect tags.
    pub fn parse_with_tags(&self, words: &[&str], given: &[Option<u16>]) -> Parse {
        let (lex, mut tags) = self.tag_words(words);
        for (t, &g) in tags.iter_mut().zip(given) {
            if let Some(g) = g {
                *t = usize::from(g);
            }
        }
        self.parse_tagged(&lex, &tags)
    }

    /// The tag number of a UPOS and XPOS pair, if the model knows the pair.
    pub fn tag_number(&self, upos: &str, xpos: &str) -> Option<u16> {
        let k = self.tags.iter().position(|(u, x)| u == upos && x == xpos)?;
        u16::try_from(k).ok()
    }

    /// Parses words whose facts and tags are known.
    fn parse_tagged(&self, lex: &[Lex], tags: &[usize]) -> Parse {
        let n = lex.len();
        let mut plex = Vec::with_capacity(n + 1);
        plex.push(ROOT);
        plex.extend_from_slice(lex);
        let mut ptags = Vec::with_capacity(n + 1);
        ptags.push(2);
        ptags.extend(tags.iter().map(|&t| t as u64 + 10));
        let (puncts, upos) = columns(&ptags, &self.tags);
        let input = Input {
            lex: &plex,
            tags: &ptags,
            puncts: &puncts,
            upos: &upos,
        };
        let heads = match self.header.beam {
            0 | 1 => parser::parse(&self.parser, &input),
            k => parser::parse_beam(&self.parser, &input, k as usize),
        };
        let rels = parser::label(&self.labeller, &input, &heads, self.root);
        Parse {
            tags: to_u16(tags),
            heads: heads[1..]
                .iter()
                .map(|&h| h.checked_sub(1).and_then(|h| u32::try_from(h).ok()))
                .collect(),
            rels: to_u16(&rels[1..]),
        }
    }
}

fn to_u16(v: &[usize]) -> Vec<u16> {
    v.iter()
        .map(|&t| u16::try_from(t).unwrap_or(u16::MAX))
        .collect()
}

/// Per word (0: the root), from its tag values: the punctuation marks before it, and its
/// universal tag as a feature value.
pub(super) fn columns(tag_values: &[u64], tags: &[(String, String)]) -> (Vec<u32>, Vec<u64>) {
    let mut puncts = Vec::with_capacity(tag_values.len());
    let mut upos = Vec::with_capacity(tag_values.len());
    let mut n = 0u32;
    for (i, &v) in tag_values.iter().enumerate() {
        puncts.push(n);
        let tag = usize::try_from(v.saturating_sub(10))
            .ok()
            .and_then(|k| tags.get(k))
            .filter(|_| i > 0);
        upos.push(tag.map_or(2, |t| features::hash_bytes(t.0.as_bytes())));
        n += u32::from(tag.is_some_and(|t| t.0 == "PUNCT"));
    }
    (puncts, upos)
}
