//! Plain text made one line: every run of white space (newlines, tabs,
//! Unicode spaces) one space, as `split_whitespace` then `join(" ")` would
//! give, in one pass and without a list of the words. Search text, summaries
//! and descriptions all go through it; on a large site it was the hottest
//! loop of the markdown stage.

/// Appends `text` to `out` with each run of white space made one space; no
/// space at the start of `out`, and at most one where `out` already ends in
/// one. A space may be left at the end (`collapse` trims it).
pub(crate) fn push_collapsed(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut word: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let (white, len) = match bytes[i] {
            // `char::is_whitespace` on ASCII: space, \t, \n, \v, \f, \r.
            b @ 0..0x80 => (matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'), 1),
            _ => match text[i..].chars().next() {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => break,
            },
        };
        if white {
            if let Some(start) = word.take() {
                out.push_str(&text[start..i]);
            }
            // A line break ends a passage (markdown's `passage_break`): it
            // is the space there.
            if !out.is_empty() && !out.ends_with([' ', '\n']) {
                out.push(' ');
            }
        } else if word.is_none() {
            word = Some(i);
        }
        i += len;
    }
    if let Some(start) = word {
        out.push_str(&text[start..]);
    }
}

/// `text` on one line, trimmed: `split_whitespace().join(" ")`.
pub(crate) fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_collapsed(&mut out, text);
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn reference(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn runs_of_white_space_become_one_space() {
        for text in [
            "",
            "   ",
            "one",
            "  one  two\n\nthree\t",
            "a\u{a0}b\u{2003}\u{3000}c\u{85}d\u{2028}e",
            "\u{b}vertical\u{c}feed\r\n",
            "Ünïcödé  wörds — “quoted”  日本語",
        ] {
            assert_eq!(collapse(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn pieces_pushed_one_after_another_collapse_as_one_text() {
        let mut out = String::new();
        for piece in ["  Reset ", " the\n", "password", "", "  now  "] {
            push_collapsed(&mut out, piece);
        }
        assert_eq!(out, "Reset the password now ");
    }

    proptest! {
        #[test]
        fn collapse_is_split_whitespace_joined(text in "(\\PC|\\s|\u{a0}|\u{85}|\u{3000}){0,40}") {
            prop_assert_eq!(collapse(&text), reference(&text));
        }

        #[test]
        fn pushing_in_pieces_is_collapsing_the_whole(pieces in proptest::collection::vec("(\\PC|\\s){0,8}", 0..6)) {
            let mut out = String::new();
            for p in &pieces {
                push_collapsed(&mut out, p);
            }
            prop_assert_eq!(out.trim_end_matches(' '), reference(&pieces.concat()));
        }
    }
}
