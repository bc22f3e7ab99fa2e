//! Text analysis: tantivy's `SimpleTokenizer`, Chinese, Japanese and Korean
//! runs cut into overlapping pairs of characters (`CjkBigrams`), tokens of 40
//! bytes or more removed, lower-casing, the language's stop words and its
//! Snowball stemmer. The browser
//! script repeats these steps exactly: the stemmers in `stemmers/` are
//! transpiled from the same Snowball code (scripts/gen-stemmer-js.py), and
//! tests/vectors/stems.json proves the two agree in every language.

use std::collections::HashMap;

use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter,
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// The name the analyzer is registered under in the tantivy index.
pub const ANALYZER: &str = "helpsite";

/// Tokens this long (in UTF-8 bytes) or longer are dropped, as tantivy does.
pub const MAX_TOKEN_BYTES: usize = 40;

const ENGLISH_STEMMER: &str = include_str!("stemmers/en.js");

/// The languages tantivy stems, by the code of a BCP 47 tag, with the rules
/// of the browser's port of each stemmer (scripts/gen-stemmer-js.py).
const LANGUAGES: &[(&str, Language, &str)] = &[
    ("ar", Language::Arabic, include_str!("stemmers/ar.js")),
    ("da", Language::Danish, include_str!("stemmers/da.js")),
    ("de", Language::German, include_str!("stemmers/de.js")),
    ("el", Language::Greek, include_str!("stemmers/el.js")),
    ("en", Language::English, ENGLISH_STEMMER),
    ("es", Language::Spanish, include_str!("stemmers/es.js")),
    ("fi", Language::Finnish, include_str!("stemmers/fi.js")),
    ("fr", Language::French, include_str!("stemmers/fr.js")),
    ("hu", Language::Hungarian, include_str!("stemmers/hu.js")),
    ("it", Language::Italian, include_str!("stemmers/it.js")),
    ("nl", Language::Dutch, include_str!("stemmers/nl.js")),
    ("no", Language::Norwegian, include_str!("stemmers/no.js")),
    ("pt", Language::Portuguese, include_str!("stemmers/pt.js")),
    ("ro", Language::Romanian, include_str!("stemmers/ro.js")),
    ("ru", Language::Russian, include_str!("stemmers/ru.js")),
    ("sv", Language::Swedish, include_str!("stemmers/sv.js")),
    ("ta", Language::Tamil, include_str!("stemmers/ta.js")),
    ("tr", Language::Turkish, include_str!("stemmers/tr.js")),
];

/// The table row of a BCP 47 tag's language (`fr-CA` is `fr`, `nb` and `nn`
/// are `no`), if tantivy stems it.
fn row_of(tag: &str) -> Option<&'static (&'static str, Language, &'static str)> {
    let code = tag
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let code = match code.as_str() {
        "nb" | "nn" => "no",
        c => c,
    };
    LANGUAGES.iter().find(|(c, _, _)| *c == code)
}

/// The stemming language for a BCP 47 tag; English when unknown.
pub fn language(tag: &str) -> Language {
    row_of(tag).map_or(Language::English, |(_, l, _)| *l)
}

/// Whether a BCP 47 tag names a language tantivy stems (else: English).
pub fn stems_language(tag: &str) -> bool {
    row_of(tag).is_some()
}

/// Every language tantivy stems, by code (`fr`).
pub fn languages() -> impl Iterator<Item = (&'static str, Language)> {
    LANGUAGES.iter().map(|(c, l, _)| (*c, *l))
}

/// The browser's stemmer for `language`: its code (for the file name) and
/// its script, the shared Snowball runtime and the language's rules in one
/// function scope (the parts scripts/gen-stemmer-js.py writes, joined in the
/// order tests/js/stems.test.cjs joins them).
pub fn browser_stemmer(language: Language) -> (&'static str, String) {
    let (code, rules) = LANGUAGES
        .iter()
        .find(|(_, l, _)| *l == language)
        .map_or(("en", ENGLISH_STEMMER), |(c, _, js)| (*c, *js));
    let parts = [
        include_str!("stemmers/start.js"),
        include_str!("stemmers/snowball.js"),
        rules,
        include_str!("stemmers/end.js"),
    ];
    (code, parts.concat())
}

/// The name of the analyzer that keeps stop words (`analyzer_keeping_stop_words`).
pub const KEEPING_STOP_WORDS: &str = "helpsite-keeping-stop-words";

/// The analyzer for `language` without its stop-word filter: for the titles
/// made of stop words alone ("About"), which would otherwise say nothing to
/// the index (index.rs, `STOP_WORD_TITLE`).
pub fn analyzer_keeping_stop_words(language: Language) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(CjkBigrams)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(MemoStemmer(language))
        .build()
}

/// The stop words of `text` (lower-cased, sorted, each once): with its other
/// words' stems, they tell whether a query is a page's whole title
/// (query.rs, rule 6): "collections" is not "collections.In".
pub fn stop_words_in(text: &str, language: Language) -> Vec<String> {
    let stop = stop_words(language);
    let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(CjkBigrams)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .build();
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let t = &stream.token().text;
        if stop.contains(&t.as_str()) {
            out.push(t.clone());
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The analyzer for `language`.
pub fn analyzer(language: Language) -> TextAnalyzer {
    let builder = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(CjkBigrams)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser);
    match stop_word_filter(language) {
        Some(stop) => builder.filter(stop).filter(MemoStemmer(language)).build(),
        None => builder.filter(MemoStemmer(language)).build(),
    }
}

/// The filter removing `language`'s stop words, if it has any. Built from
/// the lists the browser gets (`stop_words`), so the two cannot differ.
fn stop_word_filter(language: Language) -> Option<StopWordFilter> {
    let words = stop_words(language);
    (!words.is_empty()).then(|| StopWordFilter::remove(words.iter().map(|w| w.to_string())))
}

/// The stop words of `language` (exported for the browser): ours for
/// English, tantivy's Snowball lists for the rest, none where tantivy has none.
/// For the interface's languages, with the words of questions as typed
/// (questions.rs) after Snowball's.
pub fn stop_words(language: Language) -> &'static [&'static str] {
    use super::questions as q;
    use super::stopwords as sw;
    use std::sync::LazyLock;
    type List = LazyLock<Vec<&'static str>>;
    static FRENCH: List = LazyLock::new(|| with_questions(sw::FRENCH, q::FRENCH));
    static GERMAN: List = LazyLock::new(|| with_questions(sw::GERMAN, q::GERMAN));
    static PORTUGUESE: List = LazyLock::new(|| with_questions(sw::PORTUGUESE, q::PORTUGUESE));
    static RUSSIAN: List = LazyLock::new(|| with_questions(sw::RUSSIAN, q::RUSSIAN));
    static SPANISH: List = LazyLock::new(|| with_questions(sw::SPANISH, q::SPANISH));
    match language {
        Language::English => ENGLISH_STOP_WORDS,
        Language::Danish => sw::DANISH,
        Language::Dutch => sw::DUTCH,
        Language::Finnish => sw::FINNISH,
        Language::French => FRENCH.as_slice(),
        Language::German => GERMAN.as_slice(),
        Language::Hungarian => sw::HUNGARIAN,
        Language::Italian => sw::ITALIAN,
        Language::Norwegian => sw::NORWEGIAN,
        Language::Portuguese => PORTUGUESE.as_slice(),
        Language::Russian => RUSSIAN.as_slice(),
        Language::Spanish => SPANISH.as_slice(),
        Language::Swedish => sw::SWEDISH,
        _ => &[],
    }
}

/// Snowball's `list`, then the question words it does not have.
fn with_questions(
    list: &'static [&'static str],
    questions: &'static [&'static str],
) -> Vec<&'static str> {
    let mut out = list.to_vec();
    out.extend(questions.iter().filter(|w| !list.contains(w)));
    out
}

/// English stop words. tantivy's English list is Lucene's 33 words, made for
/// documents; people ask a support center questions ("how do I change my
/// email?", "hi, can you help"), and with that list "how", "do", "i" and "my"
/// were words a section had to contain, so questions found pages that shared
/// those and missed the one about email. This is Lucene's list plus pronouns,
/// question words, auxiliaries, greetings and the pieces contractions split
/// into ("don't" is "don" and "t"). Short words that carry meaning in support
/// ("up", "down", "out", "off", "new", "all") stay searchable.
#[rustfmt::skip]
pub const ENGLISH_STOP_WORDS: &[&str] = &[
    // Lucene's (tantivy's) list.
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is",
    "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there",
    "these", "they", "this", "to", "was", "will", "with",
    // Pronouns.
    "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "you", "your", "yours",
    "he", "him", "his", "she", "her", "hers", "its", "them", "theirs", "those",
    // Question words.
    "what", "which", "who", "whom", "whose", "when", "where", "why", "how",
    // Auxiliaries.
    "am", "were", "been", "being", "have", "has", "had", "having", "do", "does", "did",
    "doing", "can", "could", "would", "should", "shall", "might", "must",
    // Fillers and greetings.
    "from", "about", "so", "than", "too", "very", "just", "also", "any", "some", "here",
    "please", "hi", "hello", "thanks",
    // What contractions split into.
    "s", "t", "d", "ll", "m", "re", "ve", "don", "doesn", "didn", "isn", "aren", "wasn",
    "weren", "haven", "hasn", "hadn", "couldn", "wouldn", "shouldn",
];

/// Whether a character is written without spaces between words: Han
/// (Chinese, Japanese kanji), Hiragana, Katakana and Hangul. search.js's
/// `isCjk` lists the same ranges.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF // Hangul Jamo
        | 0x3040..=0x30FF // Hiragana, Katakana
        | 0x3130..=0x318F // Hangul compatibility Jamo
        | 0x31F0..=0x31FF // Katakana phonetic extensions
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xAC00..=0xD7AF // Hangul syllables
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0xFF66..=0xFF9F // halfwidth Katakana
        | 0x20000..=0x2FA1F // CJK extensions B–F, compatibility supplement
    )
}

/// Cuts each run of CJK characters in a token into overlapping pairs
/// (`修改密码` → 修改, 改密, 密码; a lone character stays itself), as
/// Lucene's CJK analyzer does, and leaves the rest of the token as its own
/// pieces (`密码abc` → 密码, abc). A sentence of Chinese is one token to
/// `SimpleTokenizer`, so without this nothing inside it could be found.
/// Positions are renumbered in order.
#[derive(Clone, Copy)]
pub struct CjkBigrams;

impl TokenFilter for CjkBigrams {
    type Tokenizer<T: Tokenizer> = CjkBigramFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> CjkBigramFilter<T> {
        CjkBigramFilter { inner }
    }
}

#[derive(Clone)]
pub struct CjkBigramFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for CjkBigramFilter<T> {
    type TokenStream<'a> = CjkBigramStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CjkBigramStream {
            tail: self.inner.token_stream(text),
            pending: std::collections::VecDeque::new(),
            current: Token::default(),
            position: 0,
        }
    }
}

pub struct CjkBigramStream<S> {
    tail: S,
    pending: std::collections::VecDeque<Token>,
    current: Token,
    position: usize,
}

/// The pieces of a token's text: `(byte range within it)`, CJK runs as
/// pairs of characters, other runs whole.
pub fn cjk_pieces(text: &str) -> Vec<std::ops::Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i + 1).map_or(text.len(), |c| c.0);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let cjk = is_cjk(chars[i].1);
        let mut j = i;
        while j + 1 < chars.len() && is_cjk(chars[j + 1].1) == cjk {
            j += 1;
        }
        if !cjk || i == j {
            out.push(chars[i].0..end_of(j));
        } else {
            for (k, &(at, _)) in chars.iter().enumerate().take(j).skip(i) {
                out.push(at..end_of(k + 1));
            }
        }
        i = j + 1;
    }
    out
}

impl<S: TokenStream> TokenStream for CjkBigramStream<S> {
    fn advance(&mut self) -> bool {
        loop {
            if let Some(mut t) = self.pending.pop_front() {
                t.position = self.position;
                self.position += 1;
                self.current = t;
                return true;
            }
            if !self.tail.advance() {
                return false;
            }
            let token = self.tail.token();
            if !token.text.chars().any(is_cjk) {
                self.pending.push_back(token.clone());
                continue;
            }
            for piece in cjk_pieces(&token.text) {
                self.pending.push_back(Token {
                    offset_from: token.offset_from + piece.start,
                    offset_to: token.offset_from + piece.end,
                    position: 0,
                    text: token.text[piece].to_string(),
                    position_length: 1,
                });
            }
        }
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

/// tantivy's `Stemmer`, remembering the stems it made: a site repeats a few
/// thousand words millions of times, and Snowball was a tenth of indexing.
/// Each word is stemmed by tantivy's own stemmer the first time, so stems are
/// exactly tantivy's (tests/vectors/stems.json checks the browser against them).
#[derive(Clone, Copy)]
struct MemoStemmer(Language);

impl TokenFilter for MemoStemmer {
    type Tokenizer<T: Tokenizer> = MemoStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> MemoStemmerFilter<T> {
        MemoStemmerFilter {
            inner,
            stem_one: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(self.0))
                .build(),
            stems: HashMap::default(),
        }
    }
}

/// Words remembered per analyzer (each indexing thread has its own); past
/// this many the memory is cleared, so a huge vocabulary cannot grow it forever.
const MAX_REMEMBERED_STEMS: usize = 200_000;

#[derive(Clone)]
struct MemoStemmerFilter<T> {
    inner: T,
    stem_one: TextAnalyzer,
    stems: HashMap<String, String, foldhash::fast::RandomState>,
}

impl<T: Tokenizer> Tokenizer for MemoStemmerFilter<T> {
    type TokenStream<'a> = MemoStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MemoStemmerStream {
            tail: self.inner.token_stream(text),
            stem_one: &mut self.stem_one,
            stems: &mut self.stems,
        }
    }
}

struct MemoStemmerStream<'a, S> {
    tail: S,
    stem_one: &'a mut TextAnalyzer,
    stems: &'a mut HashMap<String, String, foldhash::fast::RandomState>,
}

impl<S: TokenStream> TokenStream for MemoStemmerStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.stems.get(&token.text) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let stem = {
            let mut one = self.stem_one.token_stream(&token.text);
            if one.advance() {
                one.token().text.clone()
            } else {
                token.text.clone()
            }
        };
        if self.stems.len() >= MAX_REMEMBERED_STEMS {
            self.stems.clear();
        }
        self.stems
            .insert(std::mem::replace(&mut token.text, stem.clone()), stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// A query or text word after analysis: as typed (lower-cased) and its stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub raw: String,
    pub stem: String,
    /// Where the word stands in the analyzed text (byte offsets).
    pub span: std::ops::Range<usize>,
}

/// Analyzes `text` into words; stop words and overlong tokens are gone.
pub fn words(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Word> {
    // The raw form is the token's own text, lower-cased, read back by offset.
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        let raw = text
            .get(t.offset_from..t.offset_to)
            .unwrap_or("")
            .to_lowercase();
        out.push(Word {
            raw,
            stem: t.text.clone(),
            span: t.offset_from..t.offset_to,
        });
    }
    out
}

/// Words whose stems the browser must reproduce: tricky Snowball cases and
/// non-ASCII words, plus every word of the texts given.
pub fn golden_words<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<String> {
    const TRICKY: &[&str] = &[
        "running",
        "runner",
        "ran",
        "fruitlessly",
        "generously",
        "generation",
        "generic",
        "universal",
        "university",
        "skies",
        "sky",
        "dying",
        "lying",
        "news",
        "gently",
        "ugly",
        "early",
        "only",
        "singly",
        "caresses",
        "ponies",
        "ties",
        "cats",
        "feed",
        "agreed",
        "disabled",
        "matting",
        "mating",
        "meeting",
        "milling",
        "messing",
        "meetings",
        "happy",
        "sky's",
        "don't",
        "installation",
        "installing",
        "installed",
        "configure",
        "configuration",
        "configurations",
        "reconfigured",
        "password",
        "passwords",
        "refunds",
        "refunding",
        "checkout",
        "add",
        "ons",
        "seo",
        "toolkit",
        "ssh",
        "sftp",
        "https",
        "helpdesk",
        "consign",
        "consigned",
        "knack",
        "kneel",
        "generously",
        "communism",
        "arsenal",
        "emergency",
        "café",
        "naïve",
        "résumé",
        "über",
        "straße",
        "ελληνικά",
        "русский",
        "日本語",
        "1234",
        "4th",
        "h2o",
        "x86_64",
        "idly",
        "bias",
        "atlas",
        "cosmos",
        "howe",
        "andes",
        "ied",
        "sses",
        "yyy",
        "y",
        "aa",
    ];
    let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .build();
    let mut words: std::collections::BTreeSet<String> =
        TRICKY.iter().map(|w| w.to_string()).collect();
    for text in texts {
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            words.insert(stream.token().text.clone());
        }
    }
    words.into_iter().collect()
}

/// `(word, stem)` for each word, with tantivy's stemmer alone (no stop words).
pub fn stems(language: Language, words: &[String]) -> Vec<(String, String)> {
    let mut stemmer = TextAnalyzer::builder(tantivy::tokenizer::RawTokenizer::default())
        .filter(Stemmer::new(language))
        .build();
    words
        .iter()
        .map(|w| {
            let mut stream = stemmer.token_stream(w);
            let stem = if stream.advance() {
                stream.token().text.clone()
            } else {
                String::new()
            };
            (w.clone(), stem)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_runs_become_pairs_of_characters() {
        let mut a = analyzer(Language::English);
        let stems: Vec<String> = words(&mut a, "如何修改密码? Reset密码 码")
            .into_iter()
            .map(|w| w.stem)
            .collect();
        assert_eq!(
            stems,
            [
                "如何", "何修", "修改", "改密", "密码", "reset", "密码", "码"
            ]
        );
        let w = words(&mut a, "パスワードを変更");
        assert_eq!(w[0].raw, "パス");
        assert_eq!(&"パスワードを変更"[w[0].span.clone()], "パス");
        // Words with no CJK in them are as before.
        let plain: Vec<String> = words(&mut a, "Resetting passwords")
            .into_iter()
            .map(|w| w.stem)
            .collect();
        assert_eq!(plain, ["reset", "password"]);
    }

    #[test]
    fn stems_and_stop_words() {
        let mut a = analyzer(Language::English);
        let w = words(&mut a, "The Installation of add-ons is RUNNING");
        let stems: Vec<&str> = w.iter().map(|w| w.stem.as_str()).collect();
        assert_eq!(stems, ["instal", "add", "on", "run"]);
        assert_eq!(w[0].raw, "installation");
        let stop = stop_words(Language::English);
        assert!(stop.contains(&"how") && stop.contains(&"you") && stop.contains(&"the"));
        // A question keeps only the words that say what it is about.
        let asked = words(
            &mut a,
            "Hi! How do I change my e-mail? I don't know where it's set.",
        );
        let stems: Vec<&str> = asked.iter().map(|w| w.stem.as_str()).collect();
        assert_eq!(stems, ["chang", "e", "mail", "know", "set"]);
    }

    #[test]
    fn stop_word_lists_are_tantivys() {
        for (code, language) in languages() {
            let ours = stop_words(language);
            let Some(theirs) = StopWordFilter::new(language) else {
                assert!(ours.is_empty(), "{code}: tantivy has no list");
                continue;
            };
            let mut only_stop = TextAnalyzer::builder(RawTokenizer::default())
                .filter(theirs)
                .build();
            let mut kept = |w: &str| only_stop.token_stream(w).advance();
            if language == Language::English {
                // Ours starts with Lucene's 33 words, tantivy's list; the rest
                // are ours alone.
                let (lucene, more) = ours.split_at(33);
                assert!(lucene.iter().all(|w| !kept(w)), "{lucene:?}");
                assert!(more.iter().all(|w| kept(w)), "{more:?}");
            } else {
                // The copy (stopwords.rs): tantivy removes every word of it;
                // after it, the question words (questions.rs) are ours alone.
                assert!(ours.len() > 50, "{code}");
                let extra: Vec<&&str> = ours.iter().filter(|w| kept(w)).collect();
                let questions = questions_of(language);
                assert!(
                    extra.iter().all(|w| questions.contains(w)),
                    "{code}: {extra:?}"
                );
                assert_eq!(extra.len(), ours.len() - theirs_len(language), "{code}");
            }
        }
    }

    fn questions_of(language: Language) -> &'static [&'static str] {
        use crate::search::questions as q;
        match language {
            Language::French => q::FRENCH,
            Language::German => q::GERMAN,
            Language::Portuguese => q::PORTUGUESE,
            Language::Russian => q::RUSSIAN,
            Language::Spanish => q::SPANISH,
            _ => &[],
        }
    }

    /// How many words of our list are the copy of tantivy's.
    fn theirs_len(language: Language) -> usize {
        use crate::search::stopwords as sw;
        match language {
            Language::French => sw::FRENCH.len(),
            Language::German => sw::GERMAN.len(),
            Language::Portuguese => sw::PORTUGUESE.len(),
            Language::Russian => sw::RUSSIAN.len(),
            Language::Spanish => sw::SPANISH.len(),
            other => stop_words(other).len(),
        }
    }

    #[test]
    fn remembered_stems_are_tantivys_stems() {
        let text = "Running runs ran; installation installs installing. Running again, \
                    réservation réservations ÉTÉ generously generous running";
        for language in [Language::English, Language::French, Language::German] {
            let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
                .filter(LowerCaser)
                .filter(Stemmer::new(language))
                .build();
            let mut memo = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
                .filter(LowerCaser)
                .filter(MemoStemmer(language))
                .build();
            // Twice: the second pass answers from memory.
            for _ in 0..2 {
                let expected: Vec<String> = words(&mut plain, text)
                    .into_iter()
                    .map(|w| w.stem)
                    .collect();
                let got: Vec<String> = words(&mut memo, text).into_iter().map(|w| w.stem).collect();
                assert_eq!(got, expected, "{language:?}");
            }
        }
    }
}
