//! The component's languages and its built-in texts. The texts of each language are one JSON
//! file (`crates/core/src/texts/<tag>.json`: `lang`, then the `banner`, `panel` and `charter_page`
//! sentences). The first layer carries the French banner and panel sentences
//! ([`FRENCH_FIRST_LAYER`], cut from the file by `build.rs`) and the Yew UI the whole French
//! file; every other language
//! travels as a small module of its own (`dist/cookie-charter-lang-<tag>.js`), fetched only by a
//! page in that language: a first visit loads its own language's texts and no other.

use super::json::{FieldError, Json, Reader, ROOT};
use super::text::{text, Names};

/// A language the component speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    /// French, the default and the fallback of every text.
    #[default]
    Fr,
    /// English.
    En,
    /// Spanish.
    Es,
    /// German.
    De,
    /// Italian.
    It,
    /// Dutch.
    Nl,
    /// Portuguese.
    Pt,
}

impl Lang {
    /// Every language, French first.
    pub const ALL: [Lang; 7] = [
        Lang::Fr,
        Lang::En,
        Lang::Es,
        Lang::De,
        Lang::It,
        Lang::Nl,
        Lang::Pt,
    ];

    /// Reads a BCP 47 tag (`fr`, `en-GB`, `de-AT`, `FR_fr`…) by its primary subtag; `None`
    /// for any other language.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim();
        let end = tag.bytes().position(|b| b == b'-' || b == b'_');
        let primary = &tag[..end.unwrap_or(tag.len())];
        Lang::ALL
            .into_iter()
            .find(|lang| primary.eq_ignore_ascii_case(lang.tag()))
    }

    /// The tag to put in a `lang` attribute (and in a charter text's keys).
    pub fn tag(self) -> &'static str {
        Lang::TAGS[self as usize]
    }

    /// The tags of [`Lang::ALL`], in the same order.
    pub const TAGS: [&'static str; 7] = ["fr", "en", "es", "de", "it", "nl", "pt"];

    /// The JSON of the built-in texts in this language, for a build that carries them all (a
    /// Rust application's, and the tests). The shipped first layer carries only
    /// [`FRENCH_TEXTS`].
    pub fn texts_json(self) -> &'static str {
        match self {
            Lang::Fr => FRENCH_TEXTS,
            Lang::En => include_str!("texts/en.json"),
            Lang::Es => include_str!("texts/es.json"),
            Lang::De => include_str!("texts/de.json"),
            Lang::It => include_str!("texts/it.json"),
            Lang::Nl => include_str!("texts/nl.json"),
            Lang::Pt => include_str!("texts/pt.json"),
        }
    }
}

/// The French texts' JSON: the Yew UI's, and the fallback when another language's texts
/// cannot be had.
pub const FRENCH_TEXTS: &str = include_str!("texts/fr.json");

/// The French sentences of the first layer, as `{ "lang": "fr", "banner": { … }, "panel":
/// { … } }`: what it carries (written by `build.rs` from `texts/fr.json`).
pub const FRENCH_FIRST_LAYER: &str = include_str!(concat!(env!("OUT_DIR"), "/fr-first-layer.json"));

/// The sentences the first layer shows: the banner, the floating button, the preferences panel
/// and the placeholders. The first layer reads only these (see `web::texts`); the Yew UI reads
/// the whole [`Texts`] for the charter page.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct BannerTexts {
    /// The language they are in.
    pub lang: Lang,
    /// The sentences, in the order of [`BANNER_KEYS`] then [`PANEL_KEYS`].
    sentences: Vec<String>,
}

/// U+001F, between values handed to the page's JavaScript in one string ([`BannerTexts::joined`],
/// the panel's records): no sentence holds a control character (the tests check every
/// language), nor does a checked charter's text, id or cookie name.
pub const SEPARATOR: char = '\u{1f}';

/// The members of a texts file's `banner`, in the order of [`BannerTexts`]' sentences.
pub const BANNER_KEYS: [&str; 12] = [
    "banner_title",
    "banner_text",
    "policy_link",
    "accept_all",
    "refuse_all",
    "customise",
    "close_banner",
    "gpc_notice",
    "manage_cookies",
    "placeholder_title",
    "placeholder_text",
    "placeholder_allow",
];

/// The members of a texts file's `panel`, in the order of [`BannerTexts`]' sentences after
/// the banner's.
pub const PANEL_KEYS: [&str; 8] = [
    "preferences_title",
    "preferences_text",
    "always_on",
    "cookies_used",
    "save",
    "close",
    "receipt_label",
    "receipt_help",
];

impl BannerTexts {
    /// The first layer's sentences of `lang`, each from `sentence(member, key)` (`member`
    /// `"banner"` for [`BANNER_KEYS`], `"panel"` for [`PANEL_KEYS`]); `None` if one is missing.
    pub fn read(
        lang: Lang,
        mut sentence: impl FnMut(&str, &str) -> Option<String>,
    ) -> Option<BannerTexts> {
        let mut sentences = Vec::with_capacity(BANNER_KEYS.len() + PANEL_KEYS.len());
        for key in BANNER_KEYS {
            sentences.push(sentence("banner", key)?);
        }
        for key in PANEL_KEYS {
            sentences.push(sentence("panel", key)?);
        }
        Some(BannerTexts { lang, sentences })
    }

    /// Every sentence, in order, each followed by [`SEPARATOR`]: how the page's JavaScript that
    /// draws the banner and the panel receives them.
    pub fn joined(&self) -> String {
        let mut all = String::new();
        for sentence in &self.sentences {
            all.push_str(sentence);
            all.push(SEPARATOR);
        }
        all
    }

    /// Sentence `i` (empty in texts that have none).
    fn sentence(&self, i: usize) -> &str {
        self.sentences.get(i).map_or("", String::as_str)
    }

    /// Heading of the first layer.
    pub fn banner_title(&self) -> &str {
        self.sentence(0)
    }

    /// Body of the first layer.
    pub fn banner_text(&self) -> &str {
        self.sentence(1)
    }

    /// Link text to the portal's charter page.
    pub fn policy_link(&self) -> &str {
        self.sentence(2)
    }

    /// First-layer button that grants every optional category.
    pub fn accept_all(&self) -> &str {
        self.sentence(3)
    }

    /// First-layer button that refuses every optional category.
    pub fn refuse_all(&self) -> &str {
        self.sentence(4)
    }

    /// First-layer button that opens the preferences panel.
    pub fn customise(&self) -> &str {
        self.sentence(5)
    }

    /// Accessible name of the banner's close button (closing refuses).
    pub fn close_banner(&self) -> &str {
        self.sentence(6)
    }

    /// Shown in the banner when the browser sends Global Privacy Control.
    pub fn gpc_notice(&self) -> &str {
        self.sentence(7)
    }

    /// The floating button that reopens the preferences.
    pub fn manage_cookies(&self) -> &str {
        self.sentence(8)
    }

    /// Heading of a blocked embed's placeholder; `{service}` is the service's name.
    pub fn placeholder_title(&self) -> &str {
        self.sentence(9)
    }

    /// Why the embed is blocked; `{provider}` is who provides it.
    pub fn placeholder_text(&self) -> &str {
        self.sentence(10)
    }

    /// The placeholder's button, which allows that service alone and shows it.
    pub fn placeholder_allow(&self) -> &str {
        self.sentence(11)
    }

    /// Heading of the preferences panel.
    pub fn preferences_title(&self) -> &str {
        self.sentence(12)
    }

    /// Introduction of the preferences panel.
    pub fn preferences_text(&self) -> &str {
        self.sentence(13)
    }

    /// Shown beside a category that cannot be switched off.
    pub fn always_on(&self) -> &str {
        self.sentence(14)
    }

    /// Lead-in of the list of a category's cookies.
    pub fn cookies_used(&self) -> &str {
        self.sentence(15)
    }

    /// Save button of the preferences panel.
    pub fn save(&self) -> &str {
        self.sentence(16)
    }

    /// Accessible name of the panel's close button.
    pub fn close(&self) -> &str {
        self.sentence(17)
    }

    /// Lead-in of the id of the visitor's last consent receipt, in the panel.
    pub fn receipt_label(&self) -> &str {
        self.sentence(18)
    }

    /// What the receipt id is for: the visitor's question to the portal, its proof.
    pub fn receipt_help(&self) -> &str {
        self.sentence(19)
    }
}

/// Every built-in sentence of the banner, the preferences panel and the charter table, in one
/// language.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Texts {
    /// The first layer's sentences (banner, panel, placeholders), with the language.
    pub banner: BannerTexts,
    /// Column headings of the charter table, in order.
    pub table_headings: [String; 4],
    /// Caption of the charter table; `{portal}` is replaced by the portal's name.
    pub table_caption: String,
    /// The charter page's introduction, when the charter has none of its own.
    pub charter_intro: Vec<IntroSection>,
    /// Heading before the table, followed by the portal's address or name.
    pub purposes_heading: String,
}

/// A section of the built-in charter introduction: optional heading, paragraphs, then a list.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct IntroSection {
    /// The section's heading.
    pub heading: Option<String>,
    /// Its paragraphs.
    pub paragraphs: Vec<String>,
    /// A list after the paragraphs.
    pub items: Vec<String>,
}

impl Texts {
    /// Reads a texts file. Every sentence is required (a missing one would leave a button
    /// without a name); each problem is reported with its field.
    pub fn from_json(json: &Json) -> Result<Texts, Vec<FieldError>> {
        let mut r = Reader {
            problems: Vec::new(),
        };
        let texts = read_texts(&mut r, json);
        r.finish(texts)
    }
}

fn read_texts(r: &mut Reader, json: &Json) -> Option<Texts> {
    let o = r.object(json, ROOT, &["lang", "banner", "panel", "charter_page"])?;
    let tag = r.required_string(&o, "lang").unwrap_or_default();
    let lang = match Lang::from_tag(&tag) {
        Some(lang) if lang.tag() == tag => lang,
        _ => {
            r.problems.push(FieldError {
                path: text!(ROOT, ".lang"),
                problem: text!("expected one of: ", Names(&Lang::TAGS, |t| t)),
            });
            Lang::Fr
        }
    };
    let banner = r.field(&o, "banner", true, |r, value, path| {
        let banner = r.object(value, path, &BANNER_KEYS)?;
        r.field(&o, "panel", true, |r, value, path| {
            let panel = r.object(value, path, &PANEL_KEYS)?;
            BannerTexts::read(lang, |member, key| {
                r.required_string(if member == "banner" { &banner } else { &panel }, key)
            })
        })
    })?;
    let mut texts = Texts {
        banner,
        ..Texts::default()
    };
    r.field(&o, "charter_page", true, |r, value, path| {
        let c = r.object(value, path, &PAGE_KEYS)?;
        let headings = r.list(&c, "table_headings", true, Reader::string);
        match <[String; 4]>::try_from(headings) {
            Ok(headings) => texts.table_headings = headings,
            Err(_) => r.problems.push(FieldError {
                path: text!(path, ".table_headings"),
                problem: "expected 4 headings".into(),
            }),
        }
        texts.table_caption = r.required_string(&c, "table_caption").unwrap_or_default();
        texts.charter_intro = r.list(&c, "charter_intro", true, read_section);
        texts.purposes_heading = r
            .required_string(&c, "purposes_heading")
            .unwrap_or_default();
        Some(())
    })?;
    Some(texts)
}

/// The members of a texts file's `charter_page`.
const PAGE_KEYS: [&str; 4] = [
    "table_headings",
    "table_caption",
    "charter_intro",
    "purposes_heading",
];

fn read_section(r: &mut Reader, value: &Json, path: &str) -> Option<IntroSection> {
    let o = r.object(value, path, &["heading", "paragraphs", "items"])?;
    Some(IntroSection {
        heading: r.optional_string(&o, "heading"),
        paragraphs: r.list(&o, "paragraphs", false, Reader::string),
        items: r.list(&o, "items", false, Reader::string),
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn texts(lang: Lang) -> Texts {
        let json = super::super::json::parse(lang.texts_json()).unwrap();
        Texts::from_json(&json).unwrap_or_else(|e| panic!("{}: {e:?}", lang.tag()))
    }

    #[test]
    fn reads_primary_subtag_of_every_language() {
        assert_eq!(Lang::from_tag("fr"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag(" EN-gb "), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr_CA"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("fr-FR"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("de-AT"), Some(Lang::De));
        assert_eq!(Lang::from_tag("es-419"), Some(Lang::Es));
        assert_eq!(Lang::from_tag("pt-BR"), Some(Lang::Pt));
        assert_eq!(Lang::from_tag("nl-BE"), Some(Lang::Nl));
        assert_eq!(Lang::from_tag("it"), Some(Lang::It));
        assert_eq!(Lang::from_tag("ru"), None);
        assert_eq!(Lang::from_tag(""), None);
        assert_eq!(Lang::from_tag("french"), None);
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
    }

    #[test]
    fn joined_sentences_split_back_in_order_in_every_language() {
        for lang in Lang::ALL {
            let t = texts(lang).banner;
            let joined = t.joined();
            let parts: Vec<&str> = joined.split(SEPARATOR).collect();
            // Each sentence, then the empty remainder after the last separator.
            assert_eq!(parts.len(), BANNER_KEYS.len() + PANEL_KEYS.len() + 1);
            assert_eq!(parts[0], t.banner_title());
            assert_eq!(parts[8], t.manage_cookies());
            assert_eq!(parts[12], t.preferences_title());
            assert_eq!(parts[19], t.receipt_help());
            assert!(
                parts.iter().all(|p| !p.chars().any(char::is_control)),
                "{}: a sentence holds a control character",
                lang.tag()
            );
        }
    }

    #[test]
    fn every_language_has_every_sentence_and_says_which_it_is() {
        for lang in Lang::ALL {
            let t = texts(lang);
            assert_eq!(t.banner.lang, lang);
            for (i, sentence) in sentences(&t).iter().enumerate() {
                assert!(
                    !sentence.trim().is_empty(),
                    "{} sentence {i} is empty",
                    lang.tag()
                );
            }
            assert!(t.table_caption.contains("{portal}"), "{}", lang.tag());
            assert!(
                t.banner.placeholder_title().contains("{service}"),
                "{}",
                lang.tag()
            );
            assert!(
                t.banner.placeholder_text().contains("{provider}"),
                "{}",
                lang.tag()
            );
            assert_eq!(t.charter_intro.len(), 2, "{}", lang.tag());
        }
    }

    #[test]
    fn a_texts_file_with_a_missing_sentence_or_an_unknown_language_is_refused() {
        let parse = super::super::json::parse;
        let without = FRENCH_TEXTS.replace(r#""save": "Enregistrer mes choix","#, "");
        let errors = Texts::from_json(&parse(&without).unwrap()).unwrap_err();
        assert!(
            errors.iter().any(|e| e.problem.contains("save")),
            "{errors:?}"
        );
        let klingon = FRENCH_TEXTS.replace(r#""lang": "fr""#, r#""lang": "tlh""#);
        let errors = Texts::from_json(&parse(&klingon).unwrap()).unwrap_err();
        assert_eq!(errors[0].path, "$.lang");
        let three = FRENCH_TEXTS
            .replace(r#""Finalités""#, "")
            .replace(r#""Nom du cookie","#, r#""Nom du cookie""#);
        assert!(Texts::from_json(&parse(&three).unwrap()).is_err());
    }

    /// Every built-in sentence of `t`.
    fn sentences(t: &Texts) -> Vec<&str> {
        let b = &t.banner;
        let mut all = vec![
            b.banner_title(),
            b.banner_text(),
            b.policy_link(),
            b.accept_all(),
            b.refuse_all(),
            b.customise(),
            b.close_banner(),
            b.gpc_notice(),
            b.manage_cookies(),
            b.placeholder_title(),
            b.placeholder_text(),
            b.placeholder_allow(),
            b.preferences_title(),
            b.preferences_text(),
            b.always_on(),
            b.cookies_used(),
            b.save(),
            b.close(),
            &t.table_caption,
            &t.purposes_heading,
        ];
        all.extend(t.table_headings.iter().map(String::as_str));
        for section in &t.charter_intro {
            all.extend(section.heading.as_deref());
            all.extend(section.paragraphs.iter().map(String::as_str));
            all.extend(section.items.iter().map(String::as_str));
        }
        all
    }

    /// Every sentence of ours: the French charter introduction is the portals' own published
    /// wording, kept as it is (like the seed presets).
    fn ours(t: &Texts) -> Vec<&str> {
        let theirs: Vec<&str> = match t.banner.lang {
            Lang::Fr => t
                .charter_intro
                .iter()
                .flat_map(|s| {
                    s.heading
                        .as_deref()
                        .into_iter()
                        .chain(s.paragraphs.iter().map(String::as_str))
                        .chain(s.items.iter().map(String::as_str))
                })
                .collect(),
            _ => Vec::new(),
        };
        sentences(t)
            .into_iter()
            .filter(|s| !theirs.contains(s))
            .collect()
    }

    #[test]
    fn built_in_texts_use_typographic_apostrophes_and_french_spacing() {
        for lang in Lang::ALL {
            let t = texts(lang);
            for sentence in ours(&t) {
                assert!(
                    !sentence.contains('\''),
                    "typewriter apostrophe in {sentence:?}"
                );
            }
        }
        let nnbsp = '\u{202F}';
        let french = texts(Lang::Fr);
        for sentence in ours(&french) {
            for mark in ['?', '!', ':', ';', '»'] {
                assert!(
                    !sentence.contains(&format!(" {mark}")),
                    "plain space before {mark} in {sentence:?}"
                );
            }
            assert!(
                !sentence.contains("« "),
                "plain space after « in {sentence:?}"
            );
            for (i, mark) in sentence.char_indices() {
                if matches!(mark, '?' | '!' | ':' | ';' | '»') && i > 0 {
                    let before = sentence[..i].chars().next_back();
                    assert_eq!(
                        before,
                        Some(nnbsp),
                        "no narrow no-break space before {mark} in {sentence:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_first_layer_carries_the_french_banner_and_panel_and_nothing_else() {
        let first_layer = super::super::json::parse(FRENCH_FIRST_LAYER).unwrap();
        let full = texts(Lang::Fr);
        let Json::Object(members) = &first_layer else {
            panic!("{first_layer:?}")
        };
        let mut names: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
        names.sort();
        assert_eq!(names, ["banner", "lang", "panel"]);
        assert!(FRENCH_FIRST_LAYER.contains(full.banner.accept_all()));
        assert!(FRENCH_FIRST_LAYER.contains(full.banner.preferences_title()));
        assert!(!FRENCH_FIRST_LAYER.contains(&full.purposes_heading));
    }

    #[test]
    fn every_language_has_three_distinct_first_layer_buttons() {
        for lang in Lang::ALL {
            let t = texts(lang).banner;
            assert_ne!(t.accept_all(), t.refuse_all());
            assert_ne!(t.refuse_all(), t.customise());
            assert_ne!(t.accept_all(), t.customise());
        }
        assert_eq!(texts(Lang::Fr).banner.accept_all(), "Tout accepter");
        assert_eq!(texts(Lang::En).banner.refuse_all(), "Refuse all");
        assert_eq!(texts(Lang::De).banner.accept_all(), "Alle akzeptieren");
    }
}
