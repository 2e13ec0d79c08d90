//! The two languages of the component and every built-in sentence it shows.

/// A language the component speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    /// French, the default.
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// Reads a BCP 47 tag (`fr`, `en`, `en-GB`, `FR_fr`…) by its primary subtag;
    /// `None` for any other language.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("fr") {
            Some(Lang::Fr)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The tag to put in a `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The built-in texts in this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }
}

/// Every built-in sentence of the banner, the preferences panel and the charter table.
#[derive(Debug)]
pub struct Texts {
    /// Heading of the first layer.
    pub banner_title: &'static str,
    /// Body of the first layer.
    pub banner_text: &'static str,
    /// Link text to the portal's charter page.
    pub policy_link: &'static str,
    /// First-layer button that grants every optional category.
    pub accept_all: &'static str,
    /// First-layer button that refuses every optional category.
    pub refuse_all: &'static str,
    /// First-layer button that opens the preferences panel.
    pub customise: &'static str,
    /// Accessible name of the banner's close button (closing refuses).
    pub close_banner: &'static str,
    /// Shown in the banner when the browser sends Global Privacy Control.
    pub gpc_notice: &'static str,
    /// The floating button that reopens the preferences.
    pub manage_cookies: &'static str,
    /// Shown at once after "Personnaliser" while the preferences panel loads.
    pub loading_preferences: &'static str,
    /// Heading of the preferences panel.
    pub preferences_title: &'static str,
    /// Introduction of the preferences panel.
    pub preferences_text: &'static str,
    /// Shown beside a category that cannot be switched off.
    pub always_on: &'static str,
    /// Lead-in of the list of a category's cookies.
    pub cookies_used: &'static str,
    /// Save button of the preferences panel.
    pub save: &'static str,
    /// Accessible name of the panel's close button.
    pub close: &'static str,
    /// Column headings of the charter table, in order.
    pub table_headings: [&'static str; 4],
    /// Caption of the charter table; `{portal}` is replaced by the portal's name.
    pub table_caption: &'static str,
    /// The charter page's introduction, when the charter has none of its own.
    pub charter_intro: &'static [IntroSection],
    /// Heading before the table, followed by the portal's address or name.
    pub purposes_heading: &'static str,
}

/// A section of the built-in charter introduction: optional heading, paragraphs, then a list.
#[derive(Debug)]
pub struct IntroSection {
    /// The section's heading.
    pub heading: Option<&'static str>,
    /// Its paragraphs.
    pub paragraphs: &'static [&'static str],
    /// A list after the paragraphs.
    pub items: &'static [&'static str],
}

static FR: Texts = Texts {
    banner_title: "Gestion des cookies",
    banner_text: "Ce site utilise des cookies nécessaires à son fonctionnement et, si vous l’acceptez, \
                  des cookies de mesure d’audience. Vous pouvez changer d’avis à tout moment avec le \
                  lien « Gérer mes cookies ».",
    policy_link: "Charte cookies",
    accept_all: "Tout accepter",
    refuse_all: "Tout refuser",
    customise: "Personnaliser",
    close_banner: "Fermer et refuser les cookies optionnels",
    gpc_notice: "Votre navigateur demande à ne pas être suivi (Global Privacy Control) : la mesure d’audience reste refusée tant que vous ne l’acceptez pas.",
    manage_cookies: "Gérer mes cookies",
    loading_preferences: "Chargement de vos préférences…",
    preferences_title: "Personnaliser mes choix",
    preferences_text: "Choisissez, catégorie par catégorie, les cookies que vous acceptez.",
    always_on: "Toujours actifs",
    cookies_used: "Cookies :",
    save: "Enregistrer mes choix",
    close: "Fermer",
    table_headings: ["Nom du prestataire", "Service et emplacement", "Nom du cookie", "Finalités"],
    table_caption: "Cookies déposés par la plateforme {portal}",
    // The Opendatasoft portals' own wording, as their "Charte cookies" pages publish it.
    charter_intro: &[
        IntroSection {
            heading: None,
            paragraphs: &["Afin de vous proposer le meilleur service possible nous utilisons des cookies pour assurer son bon fonctionnement."],
            items: &[],
        },
        IntroSection {
            heading: Some("Qu'est ce qu'un cookie ?"),
            paragraphs: &[
                "Un \"cookie\" est une suite d'informations, généralement de petite taille et identifié par un nom, qui peut être transmis à votre navigateur par un site web sur lequel vous vous connectez. Votre navigateur web le conservera pendant une certaine durée, et le renverra au serveur web chaque fois que vous vous y re-connecterez. Les cookies ont de multiples usages : ils peuvent servir à mémoriser votre identifiant client auprès d'un site marchand, le contenu courant de votre panier d'achat, un identifiant permettant de tracer votre navigation pour des finalités statistiques ou publicitaires, etc.",
                "Il existe plusieurs types de cookies :",
            ],
            items: &[
                "Les cookies « nécessaires », internes, permettent d'enregistrer des informations entre deux consultations d'un même site web sur un même appareil. Ils permettent d'enregistrer un panier d'achat, des identifiants de connexion ou encore des éléments de personnalisation de l'interface. Ils ne requièrent pas de consentement de la part de l'utilisateur.",
                "Les cookies « statistiques » permettent de suivre les actions d'un internaute sur un site web. Lorsque les statistiques sont anonymes (c'est-à-dire ne permettent pas de retrouver une personne), le consentement de l'utilisateur n'est pas nécessaire.",
                "Les cookies « internes » ou « first-party » sont déposés par le site consulté. Ils peuvent être déposés en plus des cookies nécessaires et peuvent être utilisés pour collecter des données personnelles, suivre le comportement de l'utilisateur et servir à des finalités publicitaires.",
                "Les cookies dits « tiers », « tierce partie » ou « third party » sont des cookies déposés par (ou pour) un site B (souvent une régie publicitaire) sur un site A : cela permet au site B de voir quelles pages ont été visitées sur le site A par un utilisateur et de collecter des informations sur lui.",
            ],
        },
    ],
    purposes_heading: "A quoi servent les cookies sur la plateforme",
};

static EN: Texts = Texts {
    banner_title: "Cookie settings",
    banner_text: "This site uses cookies that it needs to work and, if you agree, audience-measurement \
                  cookies. You can change your mind at any time with the \"Manage my cookies\" link.",
    policy_link: "Cookie policy",
    accept_all: "Accept all",
    refuse_all: "Refuse all",
    customise: "Customise",
    close_banner: "Close and refuse optional cookies",
    gpc_notice: "Your browser asks not to be tracked (Global Privacy Control): audience measurement stays refused unless you accept it.",
    manage_cookies: "Manage my cookies",
    loading_preferences: "Loading your preferences…",
    preferences_title: "Customise my choices",
    preferences_text: "Choose, category by category, the cookies you accept.",
    always_on: "Always on",
    cookies_used: "Cookies:",
    save: "Save my choices",
    close: "Close",
    table_headings: ["Provider", "Service and location", "Cookie name", "Purpose"],
    table_caption: "Cookies set by the {portal} platform",
    charter_intro: &[
        IntroSection {
            heading: None,
            paragraphs: &["To offer you the best possible service, we use cookies to make sure it works properly."],
            items: &[],
        },
        IntroSection {
            heading: Some("What is a cookie?"),
            paragraphs: &[
                "A \"cookie\" is a piece of information, usually small and identified by a name, that a website you visit can send to your browser. Your web browser keeps it for a certain time and sends it back to the web server each time you visit again. Cookies have many uses: they can remember your customer identifier on an online shop, the current content of your shopping basket, an identifier used to track your browsing for statistical or advertising purposes, etc.",
                "There are several kinds of cookies:",
            ],
            items: &[
                "\"Necessary\" cookies, set by the site itself, record information between two visits to the same website on the same device. They record a shopping basket, login details or interface settings. They do not require the user’s consent.",
                "\"Statistics\" cookies follow a visitor’s actions on a website. When the statistics are anonymous (that is, they cannot identify a person), the user’s consent is not needed.",
                "\"Internal\" or \"first-party\" cookies are set by the site you visit. They may be set in addition to necessary cookies and may be used to collect personal data, follow the user’s behaviour and serve advertising purposes.",
                "So-called \"third-party\" cookies are set by (or for) a site B (often an advertising agency) on a site A: this lets site B see which pages of site A a user visited and collect information about them.",
            ],
        },
    ],
    purposes_heading: "What cookies are used for on the platform",
};

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn reads_primary_subtag() {
        assert_eq!(Lang::from_tag("fr"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag(" EN-gb "), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr_CA"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("de"), None);
        assert_eq!(Lang::from_tag(""), None);
        assert_eq!(Lang::from_tag("french"), None);
    }

    /// Every built-in sentence of `t`.
    fn sentences(t: &Texts) -> Vec<&'static str> {
        let mut all = vec![
            t.banner_title,
            t.banner_text,
            t.policy_link,
            t.accept_all,
            t.refuse_all,
            t.customise,
            t.close_banner,
            t.gpc_notice,
            t.manage_cookies,
            t.loading_preferences,
            t.preferences_title,
            t.preferences_text,
            t.always_on,
            t.cookies_used,
            t.save,
            t.close,
            t.table_caption,
            t.purposes_heading,
        ];
        all.extend(t.table_headings);
        for section in t.charter_intro {
            all.extend(section.heading);
            all.extend(section.paragraphs);
            all.extend(section.items);
        }
        all
    }

    /// Every sentence of ours: the French charter introduction is the portals' own published
    /// wording, kept as it is (like the seed presets).
    fn ours(lang: Lang) -> Vec<&'static str> {
        let t = lang.texts();
        let theirs: Vec<&str> = match lang {
            Lang::Fr => t
                .charter_intro
                .iter()
                .flat_map(|s| {
                    s.heading
                        .into_iter()
                        .chain(s.paragraphs.iter().copied())
                        .chain(s.items.iter().copied())
                })
                .collect(),
            Lang::En => Vec::new(),
        };
        sentences(t)
            .into_iter()
            .filter(|s| !theirs.contains(s))
            .collect()
    }

    #[test]
    fn built_in_texts_use_typographic_apostrophes_and_french_spacing() {
        for lang in [Lang::Fr, Lang::En] {
            for sentence in ours(lang) {
                assert!(
                    !sentence.contains('\''),
                    "typewriter apostrophe in {sentence:?}"
                );
            }
        }
        let nnbsp = '\u{202F}';
        for sentence in ours(Lang::Fr) {
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
    fn both_languages_have_three_distinct_first_layer_buttons() {
        for lang in [Lang::Fr, Lang::En] {
            let t = lang.texts();
            assert_ne!(t.accept_all, t.refuse_all);
            assert_ne!(t.refuse_all, t.customise);
        }
        assert_eq!(Lang::Fr.texts().accept_all, "Tout accepter");
        assert_eq!(Lang::En.texts().refuse_all, "Refuse all");
    }
}
