//! The charter: which cookies a portal sets, grouped by category, and its revision.

use super::cookie_patterns::matches;
use super::i18n::Lang;
use super::text::{text, Hex};

/// A text the portal shows, in French and in any of the component's other languages.
/// In JSON: `{"fr": "…", "en": "…", "de": "…"}`, every language but French optional.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Text {
    /// French text (always present: the charters are French first).
    pub fr: String,
    /// The other languages it is given in; French is shown for the missing ones.
    pub translations: Vec<(Lang, String)>,
}

impl Text {
    /// A text in French and English.
    pub fn new(fr: &str, en: &str) -> Text {
        Text {
            fr: fr.to_owned(),
            translations: vec![(Lang::En, en.to_owned())],
        }
    }

    /// The text in `lang`, falling back to French.
    pub fn get(&self, lang: Lang) -> &str {
        self.exactly(lang).unwrap_or(&self.fr)
    }

    /// The text in `lang` if it is given in that language.
    pub fn exactly(&self, lang: Lang) -> Option<&str> {
        if lang == Lang::Fr {
            return Some(&self.fr);
        }
        self.translations
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, text)| text.as_str())
    }
}

/// Category id of the cookies a portal needs to work (never optional).
pub const NECESSARY: &str = "necessary";
/// Category id of audience measurement (optional, off until the visitor opts in).
pub const AUDIENCE: &str = "audience";

/// A group of cookies the visitor accepts or refuses as one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Category {
    /// Stable id, used in the `cookies_preferences` cookie (`necessary`, `audience`…).
    pub id: String,
    /// Whether the portal cannot work without it (shown always on, never asked).
    pub required: bool,
    /// Name shown on the switch and, without a `heading`, above its rows in the table.
    pub title: Text,
    /// Heading of its rows in the charter table, when it differs from the title.
    pub heading: Option<Text>,
    /// One sentence on what the category is for.
    pub description: Text,
    /// Cookie name patterns (`*` wildcard) erased when the visitor withdraws this category,
    /// besides the names of its rows: the cookies its scripts are known to set.
    pub erase: Vec<String>,
    /// The services the category groups (Matomo and Google Analytics under audience, YouTube
    /// and uMap under embedded content): each is accepted or refused on its own, and the
    /// category counts as accepted only when all of them are. Empty: the category is one choice.
    pub services: Vec<Service>,
}

/// One provider's tool inside a category, chosen on its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Service {
    /// Stable id, unique in the charter (`youtube`); pages name it in `data-cookie-service`.
    pub id: String,
    /// Its name, as the panel shows it.
    pub name: Text,
    /// Who provides it.
    pub provider: String,
    /// Cookie name patterns it sets (`*` wildcard), erased when it is withdrawn.
    pub cookies: Vec<String>,
    /// The script that runs it (an http(s) or relative URL), added to the page once the
    /// service is accepted: a portal's own Matomo, say, without a blocked tag in its pages.
    pub script: Option<String>,
}

impl Category {
    /// The heading of this category's rows in the charter table.
    pub fn table_heading(&self) -> &Text {
        self.heading.as_ref().unwrap_or(&self.title)
    }
}

/// One row of the charter table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CookieRow {
    /// Id of the category the cookie belongs to.
    pub category: String,
    /// "Nom du prestataire" (may be empty, as in one seed).
    pub provider: String,
    /// "Service et emplacement".
    pub service: Text,
    /// "Nom du cookie" (may be empty when the charter does not name it).
    pub name: String,
    /// "Finalités".
    pub purpose: Text,
    /// How long the cookie lasts, when the charter says.
    pub lifetime: Option<Text>,
    /// Whether this row is the cookie that keeps the visitor's choice (`"consent": true`): the
    /// one name `data-cookie-name` may take among the charter's cookies.
    pub holds_choice: bool,
}

/// A section of the charter page's introduction: an optional heading, paragraphs, then an
/// optional list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The section's heading.
    pub heading: Option<Text>,
    /// Its paragraphs.
    pub paragraphs: Vec<Text>,
    /// A list after the paragraphs.
    pub items: Vec<Text>,
}

/// A portal's whole cookie charter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Charter {
    /// The portal's name as the charter says it (e.g. `data.saintnazaireagglo.fr`).
    pub portal: String,
    /// The portal's address, linked from the charter page.
    pub url: Option<String>,
    /// The introduction of the charter page; the built-in one when absent.
    pub intro: Option<Vec<Section>>,
    /// Categories, in the order they are shown.
    pub categories: Vec<Category>,
    /// Cookie rows, in the order of the charter's table.
    pub cookies: Vec<CookieRow>,
}

impl Charter {
    /// The categories the visitor may refuse, in order.
    pub fn optional_categories(&self) -> impl Iterator<Item = &Category> {
        self.categories.iter().filter(|c| !c.required)
    }

    /// What withdrawing `withdrawn` (categories and services) erases, given what `accepted`
    /// still accepts: `(erased, kept)`, the patterns of the withdrawn ones and those of what
    /// stays, which win (a cookie matching both stays).
    pub fn withdrawal<'a>(
        &'a self,
        withdrawn: &[String],
        accepted: &dyn Fn(&str) -> bool,
    ) -> (Vec<&'a str>, Vec<&'a str>) {
        let mut erased = Vec::new();
        for id in withdrawn {
            erased.extend(self.erase_patterns(id));
        }
        (erased, self.kept_patterns(accepted))
    }

    /// The cookie name patterns that stay whatever is withdrawn, given what `accepted` still
    /// accepts: every pattern of a required or still-accepted category (its `erase` list, its
    /// rows, its services' cookies) and the cookies of each still-accepted service. Withdrawing
    /// Google Analytics never erases Matomo's `_pk_id.*`, nor a portal's session.
    fn kept_patterns<'a>(&'a self, accepted: &dyn Fn(&str) -> bool) -> Vec<&'a str> {
        let mut kept: Vec<&str> = Vec::new();
        for c in &self.categories {
            let whole = c.required || accepted(&c.id);
            if whole {
                for pattern in &c.erase {
                    kept.push(pattern);
                }
                for row in self.cookies_of(&c.id) {
                    if !row.name.is_empty() {
                        kept.push(&row.name);
                    }
                }
            }
            for s in &c.services {
                if whole || accepted(&s.id) {
                    for pattern in &s.cookies {
                        kept.push(pattern);
                    }
                }
            }
        }
        kept
    }

    /// Whether `id` (a category, or a service by its category) cannot be refused.
    pub fn is_required(&self, id: &str) -> bool {
        for c in &self.categories {
            let mut named = c.id == id;
            for s in &c.services {
                named |= s.id == id;
            }
            if named {
                return c.required;
            }
        }
        false
    }

    /// The cookie name patterns to erase when `id` is withdrawn: for a category, its `erase`
    /// list, the names of its rows and its services' cookies; for a service, its cookies.
    pub fn erase_patterns<'a>(&'a self, id: &str) -> Vec<&'a str> {
        let mut patterns: Vec<&str> = Vec::new();
        for c in &self.categories {
            let whole = c.id == id;
            if whole {
                for pattern in &c.erase {
                    patterns.push(pattern);
                }
            }
            for s in &c.services {
                if whole || s.id == id {
                    for pattern in &s.cookies {
                        patterns.push(pattern);
                    }
                }
            }
        }
        for row in &self.cookies {
            if row.category == id && !row.name.is_empty() {
                patterns.push(&row.name);
            }
        }
        patterns
    }

    /// The cookie name or pattern of this charter that `name` would overwrite if the choice were
    /// kept under it: a row's name (but the row that holds the choice), a category's `erase`
    /// pattern or a service's cookie. `None` when `name` is none of the portal's cookies.
    pub fn listed_cookie(&self, name: &str) -> Option<&str> {
        let hit = |pattern: &str| !pattern.is_empty() && matches(pattern, name);
        for row in &self.cookies {
            if !row.holds_choice && hit(&row.name) {
                return Some(&row.name);
            }
        }
        for c in &self.categories {
            for pattern in &c.erase {
                if hit(pattern) {
                    return Some(pattern);
                }
            }
            for s in &c.services {
                for pattern in &s.cookies {
                    if hit(pattern) {
                        return Some(pattern);
                    }
                }
            }
        }
        None
    }

    /// Whether a category groups services: the choice is then kept per service (cookie format
    /// version 2) and reported with `services`.
    pub fn has_services(&self) -> bool {
        self.categories.iter().any(|c| !c.services.is_empty())
    }

    /// The service `id`, in whichever category.
    pub fn service(&self, id: &str) -> Option<&Service> {
        for c in &self.categories {
            if let Some(s) = c.services.iter().find(|s| s.id == id) {
                return Some(s);
            }
        }
        None
    }

    /// The rows of one category, in table order.
    pub fn cookies_of<'a>(&'a self, category: &'a str) -> impl Iterator<Item = &'a CookieRow> {
        self.cookies
            .iter()
            .filter(move |row| row.category == category)
    }

    /// A short fingerprint of what the visitor consents to: the categories (id and whether
    /// required) and each cookie's category and name. Wording changes leave it unchanged;
    /// adding a cookie or a category changes it, so the visitor is asked again.
    pub fn revision(&self) -> String {
        let mut hash = Fnv1a::new();
        for category in &self.categories {
            hash.write(category.id.as_bytes());
            hash.write(if category.required { b"\x01" } else { b"\x00" });
        }
        // Services (after the categories, only where there are some: a charter without
        // services keeps the revision it always had).
        for category in self.categories.iter().filter(|c| !c.services.is_empty()) {
            hash.write(category.id.as_bytes());
            for service in &category.services {
                hash.write(service.id.as_bytes());
            }
        }
        hash.write(b"\x1e");
        for row in &self.cookies {
            hash.write(row.category.as_bytes());
            hash.write(b"\x1f");
            hash.write(row.name.as_bytes());
            hash.write(b"\x1e");
        }
        text!(Hex {
            value: u64::from(hash.finish()),
            digits: 8
        })
    }
}

/// 32-bit FNV-1a: small, stable across platforms and versions, enough to tell revisions apart.
struct Fnv1a(u32);

impl Fnv1a {
    fn new() -> Self {
        Fnv1a(0x811c_9dc5)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u32::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0193);
        }
        // A separator after every field, so that ("ab","c") and ("a","bc") differ.
        self.0 ^= 0xff;
        self.0 = self.0.wrapping_mul(0x0100_0193);
    }

    fn finish(&self) -> u32 {
        self.0
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    //! The revision and the helpers on real charters are tested in `tests/charter.rs`, from the
    //! presets (which depend on this module).
    use super::*;

    #[test]
    fn text_falls_back_to_french() {
        let only_fr = Text {
            fr: "Bonjour".into(),
            translations: Vec::new(),
        };
        assert_eq!(only_fr.get(Lang::En), "Bonjour");
        assert_eq!(Text::new("Oui", "Yes").get(Lang::En), "Yes");
        assert_eq!(Text::new("Oui", "Yes").get(Lang::Fr), "Oui");
        assert_eq!(
            Text::new("Oui", "Yes").get(Lang::De),
            "Oui",
            "German missing: French"
        );
        let many = Text {
            fr: "Oui".into(),
            translations: vec![(Lang::De, "Ja".into()), (Lang::Pt, "Sim".into())],
        };
        assert_eq!(many.get(Lang::De), "Ja");
        assert_eq!(many.get(Lang::Pt), "Sim");
        assert_eq!(many.get(Lang::En), "Oui");
    }
}
