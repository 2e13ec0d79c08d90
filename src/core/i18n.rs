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
}

static FR: Texts = Texts {
    banner_title: "Gestion des cookies",
    banner_text: "Ce site utilise des cookies nécessaires à son fonctionnement et, si vous l'acceptez, \
                  des cookies de mesure d'audience. Vous pouvez changer d'avis à tout moment avec le \
                  lien « Gérer mes cookies ».",
    policy_link: "Charte cookies",
    accept_all: "Tout accepter",
    refuse_all: "Tout refuser",
    customise: "Personnaliser",
    preferences_title: "Personnaliser mes choix",
    preferences_text: "Choisissez, catégorie par catégorie, les cookies que vous acceptez.",
    always_on: "Toujours actifs",
    cookies_used: "Cookies :",
    save: "Enregistrer mes choix",
    close: "Fermer",
    table_headings: ["Nom du prestataire", "Service et emplacement", "Nom du cookie", "Finalités"],
    table_caption: "Cookies déposés par la plateforme {portal}",
};

static EN: Texts = Texts {
    banner_title: "Cookie settings",
    banner_text: "This site uses cookies that it needs to work and, if you agree, audience-measurement \
                  cookies. You can change your mind at any time with the \"Manage my cookies\" link.",
    policy_link: "Cookie policy",
    accept_all: "Accept all",
    refuse_all: "Refuse all",
    customise: "Customise",
    preferences_title: "Customise my choices",
    preferences_text: "Choose, category by category, the cookies you accept.",
    always_on: "Always on",
    cookies_used: "Cookies:",
    save: "Save my choices",
    close: "Close",
    table_headings: ["Provider", "Service and location", "Cookie name", "Purpose"],
    table_caption: "Cookies set by the {portal} platform",
};

#[cfg(test)]
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
