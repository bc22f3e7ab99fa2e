//! The default theme, compiled into the binary so a site needs no copy of it:
//! its templates (read by `templates`), static files and interface text
//! (`i18n`). A theme folder on disk replaces it file by file.

use include_dir::{Dir, include_dir};

pub(crate) static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");
