//! The application's clock: what "today" is for review reminders, "updated"
//! notes, holiday years and new articles' dates. One place, so that
//! `HELPSITE_TODAY` pins every one of them (tests and reproducible CI runs).

/// Today's date in the machine's zone; `HELPSITE_TODAY=YYYY-MM-DD` pins it.
pub(crate) fn today() -> jiff::civil::Date {
    std::env::var("HELPSITE_TODAY")
        .ok()
        .and_then(|d| d.parse().ok())
        .unwrap_or_else(|| jiff::ZonedDateTime::now().date())
}
