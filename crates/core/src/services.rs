//! Services inside a category: one provider's tool (Matomo, YouTube…) under a purpose
//! (audience, embedded content), so that a charter can say who sets which cookies and a choice
//! can record each service. The built-in services are what French public portals use; a
//! charter names them by id (`"services": ["youtube", "dailymotion"]`) or describes its own.

use super::charter::{Service, Text};
use super::text::{Names, Piece};

/// A built-in service.
struct BuiltIn {
    id: &'static str,
    name: &'static str,
    provider: &'static str,
    /// Cookie name patterns it sets (`*` wildcard), erased where the page can reach them when it
    /// is withdrawn (a third party's own cookies, on its own domain, are out of a page's reach:
    /// they are listed so that the visitor knows of them).
    cookies: &'static [&'static str],
}

const BUILT_IN: [BuiltIn; 8] = [
    BuiltIn {
        id: "matomo",
        name: "Matomo",
        provider: "InnoCraft",
        cookies: &[
            "_pk_id.*",
            "_pk_ses.*",
            "_pk_ref.*",
            "_pk_cvar.*",
            "_pk_hsr.*",
            "MATOMO_SESSID",
        ],
    },
    BuiltIn {
        id: "piano",
        name: "Piano Analytics (AT Internet, Xiti)",
        provider: "Piano Software",
        cookies: &[
            "_pcid",
            "_pctx",
            "_pprv",
            "atuserid",
            "atidvisitor",
            "atauthority",
            "xtvrn",
            "xtan*",
            "xtant*",
        ],
    },
    BuiltIn {
        id: "ga4",
        name: "Google Analytics 4",
        provider: "Google",
        cookies: &["_ga", "_ga_*", "_gid", "_gat*"],
    },
    BuiltIn {
        id: "eulerian",
        name: "Eulerian Analytics",
        provider: "Eulerian Technologies",
        cookies: &["etuix"],
    },
    BuiltIn {
        id: "youtube",
        name: "YouTube",
        provider: "Google",
        cookies: &[
            "YSC",
            "VISITOR_INFO1_LIVE",
            "VISITOR_PRIVACY_METADATA",
            "PREF",
        ],
    },
    BuiltIn {
        id: "dailymotion",
        name: "Dailymotion",
        provider: "Dailymotion",
        cookies: &["dmvk", "ts", "v1st", "usprivacy"],
    },
    BuiltIn {
        id: "vimeo",
        name: "Vimeo",
        provider: "Vimeo",
        cookies: &["vuid", "player"],
    },
    BuiltIn {
        id: "umap",
        name: "uMap (OpenStreetMap)",
        provider: "OpenStreetMap France",
        cookies: &[],
    },
];

/// The built-in service `id`, if there is one.
pub fn built_in(id: &str) -> Option<Service> {
    let b = BUILT_IN.iter().find(|b| b.id == id)?;
    Some(Service {
        id: b.id.to_owned(),
        name: Text {
            fr: b.name.to_owned(),
            translations: Vec::new(),
        },
        provider: b.provider.to_owned(),
        cookies: owned(b.cookies),
        script: None,
    })
}

fn owned(names: &[&str]) -> Vec<String> {
    let mut owned = Vec::with_capacity(names.len());
    for name in names {
        owned.push((*name).to_owned());
    }
    owned
}

/// The ids of the built-in services, comma-separated, for messages.
pub fn built_in_ids() -> impl Piece {
    Names(&BUILT_IN, |b| b.id)
}
