//! The visitor's consent: the stored choice and the state machine of the banner and panel.
//!
//! Pure: the web layer supplies the time and performs the effects (writing the cookie,
//! loading the audience script) that a new state calls for.

use std::rc::Rc;

use super::charter::Charter;

/// Seconds since the Unix epoch.
pub type UnixSeconds = u64;

/// Categories and whether each is accepted, sorted by id, one entry an id.
///
/// A sorted `Vec` rather than a `BTreeMap`: a charter has a handful of categories, and the
/// B-tree code it would add to the wasm weighs more than all of this.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Decisions(Vec<(String, bool)>);

impl Decisions {
    /// No category.
    pub fn new() -> Decisions {
        Decisions(Vec::new())
    }

    /// The decisions `pairs` list, as read from JSON (a later one of an id replaces an
    /// earlier).
    pub fn from_pairs(pairs: Vec<(String, bool)>) -> Decisions {
        let mut decisions = Decisions::new();
        decisions.extend(pairs);
        decisions
    }

    /// Where `id` is (`Ok`) or would go (`Err`).
    fn position(&self, id: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(known, _)| known.as_str().cmp(id))
    }

    /// Sets `id` to `on`, replacing what it was.
    pub fn insert(&mut self, id: String, on: bool) {
        match self.position(&id) {
            Ok(at) => self.0[at].1 = on,
            Err(at) => self.0.insert(at, (id, on)),
        }
    }

    /// Whether `id` is accepted; `None` when it is not listed.
    pub fn get(&self, id: &str) -> Option<bool> {
        let at = self.position(id).ok()?;
        Some(self.0[at].1)
    }

    /// Each category and whether it is accepted, by id, as a slice: a plain loop over it
    /// costs the first layer less code than an iterator adapter would.
    pub fn pairs(&self) -> &[(String, bool)] {
        &self.0
    }

    /// Each category and whether it is accepted, by id.
    #[allow(clippy::disallowed_methods)] // a lazy view for the Yew UI and the tests: nothing collected
    pub fn iter(&self) -> impl Iterator<Item = (&str, bool)> {
        self.0.iter().map(|(id, on)| (id.as_str(), *on))
    }

    /// The ids of the accepted categories.
    #[allow(clippy::disallowed_methods)] // a lazy view for the Yew UI and the tests: nothing collected
    pub fn accepted(&self) -> impl Iterator<Item = &str> {
        self.iter().filter(|(_, on)| *on).map(|(id, _)| id)
    }
}

impl Extend<(String, bool)> for Decisions {
    fn extend<I: IntoIterator<Item = (String, bool)>>(&mut self, pairs: I) {
        for (id, on) in pairs {
            self.insert(id, on);
        }
    }
}

impl FromIterator<(String, bool)> for Decisions {
    fn from_iter<I: IntoIterator<Item = (String, bool)>>(pairs: I) -> Decisions {
        let mut decisions = Decisions::new();
        decisions.extend(pairs);
        decisions
    }
}

/// A choice the visitor made, as stored in the `cookies_preferences` cookie.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// Every category of the charter, with whether the visitor accepted it.
    pub categories: Decisions,
    /// When the choice was made.
    pub decided_at: UnixSeconds,
    /// The charter revision the visitor answered (see [`Charter::revision`]).
    pub revision: String,
    /// The id of the consent receipt kept for this choice, once stored.
    pub receipt: Option<String>,
}

impl Choice {
    /// A choice over `charter`: required categories on, optional ones on when `accept` says so
    /// of their id, or, for a category of services, of each service's id (the category is then
    /// on when all its services are).
    pub fn new(charter: &Charter, now: UnixSeconds, accept: impl Fn(&str) -> bool) -> Choice {
        Choice::over(charter, now, &accept)
    }

    // One body for every `accept`: each instance would cost wasm bytes.
    fn over(charter: &Charter, now: UnixSeconds, accept: &dyn Fn(&str) -> bool) -> Choice {
        let mut categories = Decisions::new();
        for c in &charter.categories {
            // A category of services is accepted when every one of them is.
            let mut all = true;
            for s in &c.services {
                let on = accept(&s.id);
                all &= on;
                categories.insert(s.id.clone(), on);
            }
            let on = if c.services.is_empty() {
                accept(&c.id)
            } else {
                all
            };
            categories.insert(c.id.clone(), c.required || on);
        }
        Choice {
            categories,
            decided_at: now,
            revision: charter.revision(),
            receipt: None,
        }
    }

    /// Whether the visitor accepted `category` (or the service of that id); `false` for one the
    /// choice does not name.
    pub fn allows(&self, category: &str) -> bool {
        self.categories.get(category).unwrap_or(false)
    }

    /// Whether `other` records the same decision: the same categories, time and revision (the
    /// receipt id, given when the choice is stored, aside).
    pub fn same_decision(&self, other: &Choice) -> bool {
        self.categories == other.categories
            && self.decided_at == other.decided_at
            && self.revision == other.revision
    }

    /// The categories `previous` allowed and this choice does not: consent withdrawn.
    pub fn withdrawn_since(&self, previous: Option<&Choice>) -> Vec<String> {
        let mut withdrawn = Vec::new();
        for (id, on) in previous.map_or(&[][..], |p| p.categories.pairs()) {
            if *on && !self.allows(id) {
                withdrawn.push(id.clone());
            }
        }
        withdrawn
    }
}

/// What the component shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// Nothing: a valid choice is stored and the visitor has not asked to change it.
    Closed,
    /// The first layer: accept all, refuse all, customise.
    Banner,
    /// The preferences panel, one switch per category.
    Preferences,
}

/// Something the visitor did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// "Tout accepter", at this time.
    AcceptAll(UnixSeconds),
    /// "Tout refuser", at this time.
    RefuseAll(UnixSeconds),
    /// "Personnaliser" or a "Gérer mes cookies" link: show the panel.
    OpenPreferences,
    /// Flip the switch of one optional category in the panel.
    Toggle(String),
    /// "Autoriser et afficher" on a blocked embed's placeholder, at this time: that service is
    /// accepted, on top of what the choice accepted (everything else refused if there was no
    /// choice yet).
    AllowService(String, UnixSeconds),
    /// Save the panel's switches as the choice, at this time.
    SavePreferences(UnixSeconds),
    /// Close the panel without saving: back to the banner if nothing is stored yet.
    ClosePreferences,
    /// Forget the choice (the JS API's `reset()`): its cookie goes, the banner shows again.
    Reset,
    /// The stored choice, read again because it may have changed elsewhere: in another tab, or
    /// while this page sat in the back/forward cache. It becomes this page's choice (nothing is
    /// written; the page that decided did that); the banner closes if a choice now exists, the
    /// panel stays open if the visitor is in it.
    Stored(Option<Choice>),
}

/// The whole state of the consent UI.
#[derive(Clone, Debug, PartialEq)]
pub struct ConsentState {
    /// The charter the choice is about.
    pub charter: Rc<Charter>,
    /// The valid stored choice, if any.
    pub choice: Option<Choice>,
    /// What is on screen.
    pub view: View,
    /// Optional categories switched on in the panel (not yet saved).
    pub draft: Vec<String>,
    /// How many choices were made since the page loaded: the web layer persists each new one.
    pub decisions: u32,
    /// Categories the last choice withdrew (allowed before, refused now): their cookies go.
    pub withdrawn: Vec<String>,
    /// The browser sends Global Privacy Control: optional categories stay refused until the
    /// visitor explicitly accepts, and the banner says so. Never taken as consent.
    pub gpc: bool,
    /// Whether the choice can be kept (cookies work). When it cannot, nothing optional is
    /// ever allowed: the banner comes back on every page and a consent could not be proven.
    pub storage_available: bool,
    /// Whether the charter is the one the portal configured. When it could not be used (the
    /// default charter is shown in its place), nothing optional is ever allowed: the visitor
    /// was not told what the portal's page would load.
    pub charter_as_configured: bool,
}

impl ConsentState {
    /// The state on page load, given the valid choice read from the cookie (if any).
    /// A charter with nothing optional has nothing to ask: no banner.
    pub fn new(charter: Rc<Charter>, stored: Option<Choice>) -> ConsentState {
        let mut state = ConsentState {
            charter,
            choice: stored,
            view: View::Closed,
            draft: Vec::new(),
            decisions: 0,
            withdrawn: Vec::new(),
            gpc: false,
            storage_available: true,
            charter_as_configured: true,
        };
        state.view = state.resting_view();
        state
    }

    /// The same state, knowing whether the browser sends Global Privacy Control.
    pub fn with_gpc(mut self, gpc: bool) -> ConsentState {
        self.gpc = gpc;
        self
    }

    /// The same state, knowing whether the choice can be stored.
    pub fn with_storage(mut self, available: bool) -> ConsentState {
        self.storage_available = available;
        self
    }

    /// The same state, knowing whether its charter is the one the portal configured.
    pub fn with_charter_as_configured(mut self, as_configured: bool) -> ConsentState {
        self.charter_as_configured = as_configured;
        self
    }

    /// Whether anything optional may run at all, whatever the visitor chose: not when the
    /// choice cannot be kept, nor on a fallback charter.
    fn may_allow(&self) -> bool {
        self.storage_available && self.charter_as_configured
    }

    /// The choice as it is applied: the stored one, or when nothing optional may run
    /// ([`ConsentState::allows`]), the same with every optional category and service refused.
    /// What the page's tools, its listeners and the API are told, so that they never hear of a
    /// consent the component itself does not act on.
    pub fn choice_in_force(&self) -> Option<Choice> {
        let mut choice = self.choice.clone()?;
        if !self.may_allow() {
            let mut refused = Decisions::new();
            for (id, on) in choice.categories.pairs() {
                refused.insert(id.clone(), *on && self.charter.is_required(id));
            }
            choice.categories = refused;
        }
        Some(choice)
    }

    /// Whether the banner should mention the Global Privacy Control signal.
    pub fn shows_gpc_notice(&self) -> bool {
        self.gpc && self.choice.is_none()
    }

    /// What shows when the visitor is not in the panel: the banner while there is something
    /// to ask and no choice yet, else nothing.
    fn resting_view(&self) -> View {
        let nothing_to_ask = self.charter.optional_categories().next().is_none();
        if self.choice.is_some() || nothing_to_ask {
            View::Closed
        } else {
            View::Banner
        }
    }

    /// Whether the optional `category` may run now. `false` until the visitor says yes, and
    /// always `false` when the choice cannot be stored or the charter is a fallback.
    pub fn allows(&self, category: &str) -> bool {
        self.may_allow() && self.choice.as_ref().is_some_and(|c| c.allows(category))
    }

    /// The ids of the optional categories and services this state allows, in charter order
    /// (each category before its services): what may be loaded now.
    pub fn allowed_optional(&self) -> Vec<String> {
        self.optional_ids(false, |id| self.allows(id))
    }

    /// The ids of the optional categories and of their services (with `switches`, what the
    /// panel's switches stand for instead: each optional category without services, and each
    /// service) that `keep` keeps, in charter order. Loops rather than iterator adapters: each
    /// adapter chain would be compiled anew into the wasm.
    fn optional_ids(&self, switches: bool, keep: impl Fn(&str) -> bool) -> Vec<String> {
        let mut ids = Vec::new();
        for c in self.charter.optional_categories() {
            if (!switches || c.services.is_empty()) && keep(&c.id) {
                ids.push(c.id.clone());
            }
            for s in &c.services {
                if keep(&s.id) {
                    ids.push(s.id.clone());
                }
            }
        }
        ids
    }

    /// The optional categories and services the current choice accepts, in charter order.
    fn optional_accepted(&self) -> Vec<String> {
        self.optional_ids(false, |id| {
            self.choice.as_ref().is_some_and(|c| c.allows(id))
        })
    }

    /// The state after `action`.
    pub fn apply(&self, action: Action) -> ConsentState {
        let mut next = self.clone();
        match action {
            Action::AcceptAll(now) => next.decide(Choice::new(&self.charter, now, |_| true)),
            Action::RefuseAll(now) => next.decide(Choice::new(&self.charter, now, |_| false)),
            Action::SavePreferences(now) => {
                let draft = &self.draft;
                next.decide(Choice::new(&self.charter, now, |id| {
                    draft.iter().any(|on| on == id)
                }))
            }
            Action::AllowService(id, now) => {
                if self.charter.service(&id).is_some() {
                    let before = self.choice.as_ref();
                    let keep = |unit: &str| unit == id || before.is_some_and(|c| c.allows(unit));
                    next.decide(Choice::new(&self.charter, now, keep));
                }
            }
            Action::OpenPreferences => {
                next.view = View::Preferences;
                next.draft = self.optional_ids(true, |id| self.allows(id));
            }
            Action::Toggle(id) if self.view == View::Preferences => {
                // A category of services switches all of them: on unless all are on.
                let mut services = Vec::new();
                for c in self.charter.optional_categories() {
                    if c.id == id {
                        for s in &c.services {
                            services.push(s.id.as_str());
                        }
                    }
                }
                let drafted = |id: &str| self.draft.iter().any(|on| on == id);
                if !services.is_empty() {
                    let all_on = services.iter().all(|s| drafted(s));
                    next.draft.retain(|on| !services.contains(&on.as_str()));
                    if !all_on {
                        for s in &services {
                            next.draft.push((*s).to_owned());
                        }
                    }
                } else if !self.optional_ids(true, |s| s == id).is_empty() {
                    match next.draft.iter().position(|on| *on == id) {
                        Some(at) => {
                            next.draft.remove(at);
                        }
                        None => next.draft.push(id),
                    }
                }
            }
            Action::Toggle(_) => {}
            Action::ClosePreferences => {
                if self.view == View::Preferences {
                    next.view = self.resting_view();
                }
            }
            Action::Reset => {
                if self.choice.is_some() {
                    // The optional categories only: forgetting a choice never erases the
                    // cookies the portal needs to work (a session, a CSRF token).
                    next.withdrawn = self.optional_accepted();
                    next.choice = None;
                    next.draft.clear();
                    next.decisions += 1;
                }
                next.view = next.resting_view();
            }
            Action::Stored(stored) => {
                let same = match (&stored, &self.choice) {
                    (Some(a), Some(b)) => a.same_decision(b),
                    (a, b) => a.is_none() && b.is_none(),
                };
                if !same {
                    next.withdrawn = match &stored {
                        Some(choice) => choice.withdrawn_since(self.choice.as_ref()),
                        None => self.optional_accepted(),
                    };
                    next.choice = stored;
                    if self.view != View::Preferences {
                        next.view = next.resting_view();
                    }
                }
            }
        }
        next
    }

    fn decide(&mut self, choice: Choice) {
        self.withdrawn = choice.withdrawn_since(self.choice.as_ref());
        self.choice = Some(choice);
        self.view = View::Closed;
        self.draft.clear();
        self.decisions += 1;
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::charter::{AUDIENCE, NECESSARY};

    fn fresh() -> ConsentState {
        ConsentState::new(
            Rc::new(crate::presets::Preset::Default.charter(crate::json::parse)),
            None,
        )
    }

    #[test]
    fn decisions_stay_sorted_with_one_entry_an_id() {
        let mut d: Decisions = [
            ("necessary".to_owned(), true),
            ("audience".to_owned(), true),
        ]
        .into_iter()
        .collect();
        d.insert("audience".to_owned(), false);
        d.insert("ads".to_owned(), false);
        assert_eq!(
            d.iter().collect::<Vec<_>>(),
            [("ads", false), ("audience", false), ("necessary", true)]
        );
        assert_eq!(d.get("audience"), Some(false));
        assert_eq!(d.get("necessary"), Some(true));
        assert_eq!(d.get("video"), None);
        assert_eq!(d.accepted().collect::<Vec<_>>(), ["necessary"]);
    }

    #[test]
    fn first_visit_shows_banner_and_allows_nothing_optional() {
        let s = fresh();
        assert_eq!(s.view, View::Banner);
        assert!(!s.allows(AUDIENCE));
        assert!(
            !s.allows(NECESSARY),
            "no choice yet: nothing is allowed by the state"
        );
    }

    #[test]
    fn accept_all_grants_audience_and_closes() {
        let s = fresh().apply(Action::AcceptAll(100));
        assert_eq!(s.view, View::Closed);
        assert!(s.allows(AUDIENCE));
        assert!(s.allows(NECESSARY));
        assert_eq!(s.decisions, 1);
        let choice = s.choice.unwrap();
        assert_eq!(choice.decided_at, 100);
        assert_eq!(
            choice.revision,
            crate::presets::Preset::Default
                .charter(crate::json::parse)
                .revision()
        );
    }

    #[test]
    fn refuse_all_keeps_necessary_only() {
        let s = fresh().apply(Action::RefuseAll(5));
        assert_eq!(s.view, View::Closed);
        assert!(!s.allows(AUDIENCE));
        assert!(s.allows(NECESSARY));
        assert_eq!(s.choice.unwrap().categories.iter().count(), 2);
    }

    #[test]
    fn preferences_start_unticked_and_save_the_draft() {
        let s = fresh().apply(Action::OpenPreferences);
        assert_eq!(s.view, View::Preferences);
        assert!(s.draft.is_empty(), "no optional switch is pre-ticked");
        let s = s.apply(Action::Toggle(AUDIENCE.into()));
        assert_eq!(s.draft, [AUDIENCE]);
        assert!(
            !s.allows(AUDIENCE),
            "switching is not consenting until saved"
        );
        let s = s.apply(Action::SavePreferences(9));
        assert!(s.allows(AUDIENCE));
        assert_eq!(s.view, View::Closed);
        assert_eq!(s.decisions, 1);
    }

    #[test]
    fn toggling_twice_switches_back_off() {
        let s = fresh()
            .apply(Action::OpenPreferences)
            .apply(Action::Toggle(AUDIENCE.into()))
            .apply(Action::Toggle(AUDIENCE.into()))
            .apply(Action::SavePreferences(1));
        assert!(!s.allows(AUDIENCE));
    }

    #[test]
    fn required_or_unknown_categories_cannot_be_toggled() {
        let s = fresh().apply(Action::OpenPreferences);
        assert_eq!(s.apply(Action::Toggle(NECESSARY.into())), s);
        assert_eq!(s.apply(Action::Toggle("ads".into())), s);
        // Outside the panel a toggle does nothing either.
        let banner = fresh();
        assert_eq!(banner.apply(Action::Toggle(AUDIENCE.into())), banner);
    }

    #[test]
    fn reopening_preferences_shows_the_stored_choice() {
        let s = fresh()
            .apply(Action::AcceptAll(1))
            .apply(Action::OpenPreferences);
        assert_eq!(s.draft, [AUDIENCE]);
        let s = s
            .apply(Action::Toggle(AUDIENCE.into()))
            .apply(Action::SavePreferences(2));
        assert!(!s.allows(AUDIENCE), "withdrawal is stored");
        assert_eq!(s.decisions, 2);
    }

    #[test]
    fn closing_preferences_without_a_choice_returns_to_banner() {
        let s = fresh()
            .apply(Action::OpenPreferences)
            .apply(Action::ClosePreferences);
        assert_eq!(s.view, View::Banner);
        assert_eq!(s.decisions, 0);
        let s = fresh()
            .apply(Action::RefuseAll(1))
            .apply(Action::OpenPreferences)
            .apply(Action::Toggle(AUDIENCE.into()))
            .apply(Action::ClosePreferences);
        assert_eq!(s.view, View::Closed);
        assert!(!s.allows(AUDIENCE), "closing discards the draft");
    }

    #[test]
    fn withdrawal_is_recorded_with_the_decision() {
        let s = fresh().apply(Action::AcceptAll(1));
        assert!(s.withdrawn.is_empty());
        let s = s
            .apply(Action::OpenPreferences)
            .apply(Action::Toggle(AUDIENCE.into()))
            .apply(Action::SavePreferences(2));
        assert_eq!(s.withdrawn, [AUDIENCE]);
        let s = s.apply(Action::RefuseAll(3));
        assert!(s.withdrawn.is_empty(), "nothing left to withdraw");
        let first_refusal = fresh().apply(Action::RefuseAll(1));
        assert!(
            first_refusal.withdrawn.is_empty(),
            "a first refusal withdraws nothing"
        );
    }

    #[test]
    fn global_privacy_control_refuses_by_default_but_an_explicit_choice_wins() {
        let s = fresh().with_gpc(true);
        assert_eq!(s.view, View::Banner);
        assert!(s.shows_gpc_notice());
        assert!(!s.allows(AUDIENCE), "GPC is never consent");
        let s = s.apply(Action::OpenPreferences);
        assert!(s.draft.is_empty(), "audience switch off under GPC");
        let accepted = s.apply(Action::AcceptAll(1));
        assert!(
            accepted.allows(AUDIENCE),
            "the visitor's explicit choice wins"
        );
        assert!(!accepted.shows_gpc_notice());
        assert!(!fresh().shows_gpc_notice());
    }

    #[test]
    fn reset_forgets_the_choice_and_asks_again() {
        let s = fresh().apply(Action::AcceptAll(1)).apply(Action::Reset);
        assert_eq!(s.choice, None);
        assert_eq!(s.view, View::Banner);
        assert!(!s.allows(AUDIENCE));
        assert_eq!(s.decisions, 2, "the web layer must delete the cookie");
        assert_eq!(
            s.withdrawn,
            [AUDIENCE],
            "the necessary cookies (session, CSRF token) are never erased"
        );
        let nothing = fresh().apply(Action::Reset);
        assert_eq!(nothing.decisions, 0, "nothing to forget");
        assert_eq!(nothing.view, View::Banner);
    }

    #[test]
    fn without_storage_nothing_optional_is_ever_allowed() {
        let s = fresh().with_storage(false).apply(Action::AcceptAll(1));
        assert!(
            s.choice.is_some(),
            "the choice is still made (and the banner closes)"
        );
        assert!(!s.allows(AUDIENCE));
    }

    #[test]
    fn a_stored_choice_starts_closed() {
        let charter = Rc::new(crate::presets::Preset::Default.charter(crate::json::parse));
        let stored = Choice::new(&charter, 1, |_| true);
        let s = ConsentState::new(charter, Some(stored));
        assert_eq!(s.view, View::Closed);
        assert!(s.allows(AUDIENCE));
        assert_eq!(s.decisions, 0, "a loaded choice is not a new decision");
    }

    #[test]
    fn a_charter_without_optional_cookies_shows_no_banner() {
        let charter = Rc::new(crate::presets::Preset::Tco.charter(crate::json::parse));
        let s = ConsentState::new(charter, None);
        assert_eq!(s.view, View::Closed);
        assert!(!s.allows(AUDIENCE));
        let s = s.apply(Action::OpenPreferences);
        assert_eq!(s.view, View::Preferences, "the panel can still be opened");
        assert_eq!(s.apply(Action::ClosePreferences).view, View::Closed);
        let s = s
            .apply(Action::Toggle(AUDIENCE.into()))
            .apply(Action::SavePreferences(1));
        assert!(
            !s.allows(AUDIENCE),
            "a category the charter lacks is never allowed"
        );
    }

    #[test]
    fn a_choice_stored_elsewhere_closes_the_banner_without_a_new_decision() {
        let s = fresh();
        assert_eq!(s.view, View::Banner);
        let accepted = Choice::new(&s.charter, 10, |_| true);
        let synced = s.apply(Action::Stored(Some(accepted.clone())));
        assert_eq!(synced.choice, Some(accepted.clone()));
        assert_eq!(synced.view, View::Closed);
        assert_eq!(synced.decisions, 0, "nothing to write: the other page did");
        assert_eq!(synced.allowed_optional(), [AUDIENCE]);

        let refused = Choice::new(&s.charter, 20, |_| false);
        let withdrawn = synced.apply(Action::Stored(Some(refused)));
        assert_eq!(withdrawn.withdrawn, [AUDIENCE]);
        assert!(withdrawn.allowed_optional().is_empty());

        let forgotten = synced.apply(Action::Stored(None));
        assert_eq!(forgotten.withdrawn, [AUDIENCE]);
        assert_eq!(forgotten.view, View::Banner, "reset elsewhere: asked again");

        let mut with_receipt = accepted;
        with_receipt.receipt = Some("3f2a9c1e".into());
        let same = synced.apply(Action::Stored(Some(with_receipt)));
        assert_eq!(
            same, synced,
            "the same decision, as stored with its receipt: no change"
        );
    }

    #[test]
    fn a_choice_stored_elsewhere_leaves_an_open_panel_open() {
        let s = fresh().apply(Action::OpenPreferences);
        let accepted = Choice::new(&s.charter, 10, |_| true);
        let synced = s.apply(Action::Stored(Some(accepted)));
        assert_eq!(synced.view, View::Preferences);
        assert!(synced.choice.is_some());
    }

    /// The default charter with an "embeds" category of two built-in services.
    fn with_services() -> ConsentState {
        let json = crate::presets::Preset::Default.json().replacen(
            r#""categories": ["#,
            r#""categories": [{"id": "embeds", "title": {"fr": "Contenus intégrés"}, "services": ["youtube", "umap"]},"#,
            1,
        );
        let charter = crate::charter_json::parse(&json, crate::json::parse).unwrap();
        ConsentState::new(Rc::new(charter), None)
    }

    #[test]
    fn services_are_chosen_one_by_one_and_their_category_is_the_sum() {
        let s = with_services().apply(Action::OpenPreferences);
        assert!(s.draft.is_empty());
        let s = s.apply(Action::Toggle("youtube".into()));
        assert_eq!(s.draft, ["youtube"]);
        let saved = s.apply(Action::SavePreferences(1));
        assert!(saved.allows("youtube"));
        assert!(!saved.allows("umap"));
        assert!(
            !saved.allows("embeds"),
            "mixed: the category's own tags stay blocked"
        );
        assert_eq!(saved.allowed_optional(), ["youtube"]);

        // The category's switch turns all its services on, then all off.
        let s = saved.apply(Action::OpenPreferences);
        assert_eq!(s.draft, ["youtube"]);
        let all = s.apply(Action::Toggle("embeds".into()));
        let mut on = all.draft.clone();
        on.sort();
        assert_eq!(on, ["umap", "youtube"]);
        let none = all.apply(Action::Toggle("embeds".into()));
        assert!(none.draft.is_empty());
        let accepted = all.apply(Action::SavePreferences(2));
        assert_eq!(accepted.allowed_optional(), ["embeds", "youtube", "umap"]);

        // Withdrawing one service withdraws it and its category, nothing else.
        let s = accepted
            .apply(Action::OpenPreferences)
            .apply(Action::Toggle("umap".into()))
            .apply(Action::SavePreferences(3));
        let mut withdrawn = s.withdrawn.clone();
        withdrawn.sort();
        assert_eq!(withdrawn, ["embeds", "umap"]);
        assert!(s.allows("youtube"));
    }

    #[test]
    fn accept_all_and_refuse_all_decide_every_service() {
        let yes = with_services().apply(Action::AcceptAll(1));
        assert!(yes.allows("embeds") && yes.allows("youtube") && yes.allows("umap"));
        let no = yes.apply(Action::RefuseAll(2));
        assert!(no.allowed_optional().is_empty());
        let mut withdrawn = no.withdrawn.clone();
        withdrawn.sort();
        assert_eq!(withdrawn, [AUDIENCE, "embeds", "umap", "youtube"]);
        // A switch that is not in the panel changes nothing.
        let s = with_services().apply(Action::OpenPreferences);
        assert_eq!(s.apply(Action::Toggle(NECESSARY.into())).draft, s.draft);
        assert_eq!(s.apply(Action::Toggle("vimeo".into())).draft, s.draft);
    }

    #[test]
    fn a_placeholder_allows_its_service_alone_on_top_of_the_choice() {
        let s = with_services().apply(Action::AllowService("youtube".into(), 1));
        assert_eq!(
            s.view,
            View::Closed,
            "an explicit choice: the banner closes"
        );
        assert_eq!(s.allowed_optional(), ["youtube"]);
        let s = s
            .apply(Action::AcceptAll(2))
            .apply(Action::RefuseAll(3))
            .apply(Action::AllowService("umap".into(), 4));
        assert_eq!(s.allowed_optional(), ["umap"]);
        let kept = with_services()
            .apply(Action::AcceptAll(1))
            .apply(Action::AllowService("umap".into(), 2));
        assert_eq!(kept.allowed_optional().len(), 4, "nothing else changes");
        // Only a service of the charter.
        let same = with_services().apply(Action::AllowService(AUDIENCE.into(), 1));
        assert_eq!(same.choice, None);
    }

    #[test]
    fn a_fallback_charter_allows_nothing_optional_whatever_the_choice() {
        let s = fresh()
            .with_charter_as_configured(false)
            .apply(Action::AcceptAll(1));
        assert!(
            s.choice.as_ref().unwrap().allows(AUDIENCE),
            "the act is kept"
        );
        assert!(!s.allows(AUDIENCE));
        assert!(s.allowed_optional().is_empty());
        let stored = Choice::new(&s.charter, 1, |_| true);
        let returning =
            ConsentState::new(s.charter.clone(), Some(stored)).with_charter_as_configured(false);
        assert_eq!(returning.view, View::Closed);
        assert!(returning.allowed_optional().is_empty());
    }

    #[test]
    fn the_choice_in_force_is_what_the_component_allows() {
        let accepted = fresh().apply(Action::AcceptAll(1));
        assert_eq!(accepted.choice_in_force(), accepted.choice);
        for blocked in [
            fresh().with_storage(false).apply(Action::AcceptAll(1)),
            fresh()
                .with_charter_as_configured(false)
                .apply(Action::AcceptAll(1)),
        ] {
            let told = blocked.choice_in_force().unwrap();
            assert!(
                !told.allows(AUDIENCE),
                "never told a consent it does not act on"
            );
            assert!(told.allows(NECESSARY));
            assert_eq!(told.decided_at, 1);
        }
        assert_eq!(fresh().choice_in_force(), None);
        let services = with_services()
            .with_storage(false)
            .apply(Action::AcceptAll(1))
            .choice_in_force()
            .unwrap();
        assert!(!services.allows("youtube") && !services.allows("embeds"));
    }
}
