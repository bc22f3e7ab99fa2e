//! The words of a question as customers type it ("wie kann ich…",
//! "comment puis-je…", "как сделать…") that Snowball's stop word lists,
//! made for documents, lack: question words, "can"/"do"/"make" as asked,
//! greetings and thanks. Without them a question's own words had to be in
//! a page, and "Warum wird meine Zahlung abgelehnt?" ranked pages that say
//! "warum" above the one headed "Zahlung abgelehnt". English has its own
//! list with these already (`analyze::ENGLISH_STOP_WORDS`).
//!
//! They are removed at indexing and query time alike (they join the
//! language's stop words, which the browser gets in the manifest), so a
//! question finds the page whose heading is the statement form.

pub(super) const GERMAN: &[&str] = &[
    "warum", "wann", "wieso", "weshalb", "wozu", "woher", "wohin", "wofür", "womit", "wieviel",
    "wieviele", "welchen", "kannst", "könnte", "bitte", "hallo", "danke",
];

pub(super) const FRENCH: &[&str] = &[
    "comment", "pourquoi", "quoi", "où", "quand", "combien", "lequel", "laquelle", "puis", "peut",
    "peux", "pouvez", "pouvons", "peuvent", "faire", "fait", "dois", "doit", "est", "sont",
    "bonjour", "merci", "svp",
];

pub(super) const SPANISH: &[&str] = &[
    "cómo", "dónde", "cuándo", "cuál", "cuáles", "cuánto", "cuántos", "cuánta", "cuántas", "puedo",
    "puede", "pueden", "podemos", "hago", "hacer", "hace", "debo", "hola", "gracias",
];

pub(super) const PORTUGUESE: &[&str] = &[
    "onde", "porquê", "quanto", "quantos", "qual", "quais", "posso", "pode", "podem", "podemos",
    "faço", "fazer", "faz", "devo", "é", "olá", "obrigado", "obrigada",
];

pub(super) const RUSSIAN: &[&str] = &[
    "почему",
    "зачем",
    "такое",
    "куда",
    "откуда",
    "сколько",
    "какая",
    "какие",
    "каким",
    "могу",
    "может",
    "сделать",
    "делать",
    "пожалуйста",
    "здравствуйте",
    "спасибо",
];
