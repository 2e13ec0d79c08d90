//! A charter as the first layer carries it: what consent is about (categories, services, erase
//! patterns, the rows' cookie names) and the few texts the first layer shows (the banner's
//! panel: titles, descriptions, services' names, an unnamed row's service), in one language.
//! Lines of tab-separated fields, read without a JSON parser:
//!
//! ```text
//! <portal>
//! C  <id>  <1 if required, else 0>  <title>  <description>  <erase pattern>…
//! S  <id>  <name>  <provider>  <script, or empty>  <cookie pattern>…      (a service of the C above)
//! R  <category>  <cookie name>  <service, only when the name is empty>  <1 if it keeps the choice>
//! ```
//!
//! Charter texts hold no control character but line breaks, which are written as carriage
//! returns (a line break ends a line here). `build.rs` writes the built-in charters' in French
//! and English; [`write()`] writes any charter's (the tests check the two agree).

use super::charter::{Category, Charter, CookieRow, Service, Text};
use super::charter_json;
use super::i18n::Lang;
use super::json::Parser;
use super::text::text as message;

/// A text of the format back as it was (its carriage returns are line breaks).
fn text(field: &str) -> Text {
    let mut fr = String::with_capacity(field.len());
    for c in field.chars() {
        fr.push(if c == '\r' { '\n' } else { c });
    }
    Text {
        fr,
        translations: Vec::new(),
    }
}

/// Each remaining field, owned.
fn rest<'a>(fields: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut owned = Vec::new();
    for field in fields {
        owned.push(field.to_owned());
    }
    owned
}

/// The charter `text` describes (not checked: it is written by `build.rs` or [`write()`] from a
/// checked charter). Its texts are in the one language it was written in, as each [`Text`]'s
/// French (so that `Text::get` gives them whatever the language asked).
#[allow(clippy::disallowed_methods)] // ASCII char patterns only: memchr, no substring searcher
pub fn read(text_of: &str) -> Charter {
    let mut lines = text_of.split('\n');
    let mut charter = Charter {
        portal: lines.next().unwrap_or_default().to_owned(),
        url: None,
        intro: None,
        categories: Vec::new(),
        cookies: Vec::new(),
    };
    for line in lines {
        let mut fields = line.split('\t');
        let kind = fields.next();
        let id = fields.next().unwrap_or_default().to_owned();
        match kind {
            Some("C") => {
                let required = fields.next() == Some("1");
                let title = text(fields.next().unwrap_or_default());
                let description = text(fields.next().unwrap_or_default());
                charter.categories.push(Category {
                    id,
                    required,
                    title,
                    heading: None,
                    description,
                    erase: rest(fields),
                    services: Vec::new(),
                });
            }
            Some("S") => {
                let name = text(fields.next().unwrap_or_default());
                let provider = fields.next().unwrap_or_default().to_owned();
                let script = fields.next().filter(|s| !s.is_empty()).map(str::to_owned);
                let service = Service {
                    id,
                    name,
                    provider,
                    cookies: rest(fields),
                    script,
                };
                if let Some(category) = charter.categories.last_mut() {
                    category.services.push(service);
                }
            }
            Some("R") => charter.cookies.push(CookieRow {
                category: id,
                provider: String::new(),
                name: fields.next().unwrap_or_default().to_owned(),
                service: text(fields.next().unwrap_or_default()),
                purpose: Text::default(),
                lifetime: None,
                holds_choice: fields.next() == Some("1"),
            }),
            _ => {}
        }
    }
    charter
}

/// `value` as a field: its line breaks as carriage returns.
#[allow(clippy::disallowed_methods)] // written where a charter's JSON is read, not in a page's first layer
fn field(value: &str) -> String {
    value.replace('\n', "\r")
}

/// What the first layer needs of `charter`, with its texts in `lang` (French where a text is
/// not given in it), in the format [`read`] reads.
#[allow(clippy::disallowed_methods)] // written where a charter's JSON is read, not in a page's first layer
pub fn write(charter: &Charter, lang: Lang) -> String {
    let mut lines = vec![field(&charter.portal)];
    for c in &charter.categories {
        let mut line = vec![
            "C".to_owned(),
            c.id.clone(),
            String::from(if c.required { "1" } else { "0" }),
            field(c.title.get(lang)),
            field(c.description.get(lang)),
        ];
        line.extend(c.erase.iter().cloned());
        lines.push(line.join("\t"));
        for s in &c.services {
            let mut line = vec![
                "S".to_owned(),
                s.id.clone(),
                field(s.name.get(lang)),
                s.provider.clone(),
                s.script.clone().unwrap_or_default(),
            ];
            line.extend(s.cookies.iter().cloned());
            lines.push(line.join("\t"));
        }
    }
    for row in &charter.cookies {
        let service = if row.name.is_empty() {
            field(row.service.get(lang))
        } else {
            String::new()
        };
        let mut line = ["R", &row.category, &row.name, &service].join("\t");
        if row.holds_choice {
            line.push_str("\t1");
        }
        lines.push(line);
    }
    lines.join("\n")
}

/// A portal's own charter `json`, checked in full, in this format with its texts in `lang`; or
/// each problem found, with its path (`categories[2].id: …`). What the charter reader does for
/// the first layer, and a Rust application in its own wasm.
pub fn from_json(json: &str, lang: Lang, parse: Parser) -> Result<String, Vec<String>> {
    match charter_json::parse(json, parse) {
        Ok(charter) => Ok(write(&charter, lang)),
        Err(problems) => {
            let mut messages = Vec::with_capacity(problems.len());
            for problem in &problems {
                messages.push(message!(problem));
            }
            Err(messages)
        }
    }
}
