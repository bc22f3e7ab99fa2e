//! Slugs: the URL-safe names made from file names, folder names, headings and tags.
//! Non-ASCII letters are transliterated (`Über uns` → `uber-uns`) so URLs stay
//! readable and portable across static hosts.

/// Lower-case ASCII letters, digits and single dashes; empty if nothing is left.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut out = String::with_capacity(ascii.len());
    let mut dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// Whether a slug written by hand is one URL path segment that stays where it is put:
/// no separators, no `.`/`..`, nothing that needs escaping.
pub fn is_safe_slug(slug: &str) -> bool {
    !slug.is_empty()
        && !slug.starts_with('.')
        && slug
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_transliterates_and_collapses() {
        assert_eq!(slugify("Über uns"), "uber-uns");
        assert_eq!(slugify("  How does it -- work?  "), "how-does-it-work");
        assert_eq!(slugify("FAQ_2024"), "faq_2024");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn safe_slugs_stay_in_place() {
        assert!(is_safe_slug("refunds-2024"));
        assert!(!is_safe_slug("../etc"));
        assert!(!is_safe_slug("a/b"));
        assert!(!is_safe_slug(".."));
        assert!(!is_safe_slug(""));
    }
}
