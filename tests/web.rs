//! Browser tests of the components and the web layer, in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown`, see scripts/test.sh).
// Tests are exempt from the first layer's size rules (clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use cookie_charter::components::{CharterPage, CharterPageProps, CharterTable, CharterTableProps};
use cookie_charter::core::charter::{Section, Text, AUDIENCE};
use cookie_charter::core::config::Config;
use cookie_charter::core::consent::{Choice, ConsentState};
use cookie_charter::core::cookie_codec::{self, Expectations, COOKIE_NAME};
use cookie_charter::core::i18n::{Lang, Texts};
use cookie_charter::core::presets::Preset;
use cookie_charter::core::structure;
use cookie_charter::core::text::text;
use cookie_charter::page::{start, state_loop, view};
use cookie_charter::web::charter_source::{CharterText, Own, ReadCharter};
use cookie_charter::web::options::{self, Misnamed};
use cookie_charter::web::texts::LoadedTexts;
use cookie_charter::web::{attributes, cookies, scripts};
use cookie_charter::yew_ui;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::AppHandle;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A component mounted in a fresh element of the body; unmounted and removed on drop.
struct Mounted<C: yew::BaseComponent> {
    root: Element,
    handle: Option<AppHandle<C>>,
}

impl<C: yew::BaseComponent> Mounted<C> {
    async fn new(props: C::Properties) -> Self {
        let root = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&root).unwrap();
        let handle = yew::Renderer::<C>::with_root_and_props(root.clone(), props).render();
        yew::scheduler::flush().await;
        Mounted {
            root,
            handle: Some(handle),
        }
    }

    fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().dyn_into().unwrap())
            .collect()
    }

    fn one(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }
}

impl<C: yew::BaseComponent> Drop for Mounted<C> {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
    }
}

fn clear_preferences_cookie() {
    cookies::write(&format!("{COOKIE_NAME}=; Path=/; Max-Age=0"));
}

fn stored_choice() -> Option<Choice> {
    let header = cookies::all();
    let values = cookie_codec::find_all(&header, COOKIE_NAME);
    let [value] = values.as_slice() else {
        return None;
    };
    let charter = Preset::Default.charter(cookie_charter::web::json::parse);
    let expect = Expectations {
        now: cookie_charter::web::clock::now(),
        lifetime_days: 182,
        charter: &charter,
    };
    cookie_codec::decode(value, &expect, cookie_charter::web::json::parse).ok()
}

fn scripts_with_src(fragment: &str) -> usize {
    let list = document().query_selector_all("script[src]").unwrap();
    (0..list.length())
        .filter(|&i| {
            let el: Element = list.item(i).unwrap().dyn_into().unwrap();
            el.get_attribute("src")
                .unwrap_or_default()
                .contains(fragment)
        })
        .count()
}

fn config_with(change: impl FnOnce(&mut Config)) -> Rc<Config> {
    let mut config = Config {
        policy_url: Some("/charte-cookies.html".into()),
        ..Config::default()
    };
    change(&mut config);
    Rc::new(config)
}

/// What a test page starts from: the checked configuration, the charter, the stored choice and
/// whether the browser sends Global Privacy Control.
struct Setup {
    config: Rc<Config>,
    preset: Preset,
    stored: Option<Choice>,
    gpc: bool,
}

fn props(audience_src: Option<&str>, lang: Lang, stored: Option<Choice>) -> Setup {
    Setup {
        config: Rc::new(Config {
            audience_src: audience_src.map(Into::into),
            policy_url: Some("/charte-cookies.html".into()),
            lang,
            ..Config::default()
        }),
        preset: Preset::Default,
        stored,
        gpc: false,
    }
}

/// The built-in texts of `lang`, as a page gets them.
fn texts(lang: Lang) -> LoadedTexts {
    cookie_charter::web::texts::read(lang, lang.texts_json()).unwrap()
}

/// Every built-in text of `lang`, as the Yew UI reads them.
fn full_texts(lang: Lang) -> Rc<Texts> {
    let json = cookie_charter::web::json::parse(lang.texts_json()).unwrap();
    Rc::new(Texts::from_json(&json).unwrap())
}

/// A JS function from a Rust closure, kept alive for the page's lifetime.
fn function(f: impl Fn(JsValue, JsValue) + 'static) -> js_sys::Function {
    let closure = Closure::<dyn Fn(JsValue, JsValue)>::new(f);
    let function = closure.as_ref().unchecked_ref::<js_sys::Function>().clone();
    closure.forget();
    function
}

/// The product as a page runs it: the state loop and the first layer (banner, panel), whose
/// charter page requests are answered by the Yew UI (in this same test binary, as
/// `js/entry.js` does across the two wasm files). Stops the loop and removes what it showed on
/// drop.
struct Page;

impl Page {
    async fn start(setup: Setup) -> Page {
        clean_page();
        // As a page starts: the first layer holds the preset's structure, in the page's language.
        let charter = Rc::new(setup.preset.structure(setup.config.lang));
        let state = ConsentState::new(charter, setup.stored).with_gpc(setup.gpc);
        state_loop::start(state, setup.config.clone());
        let lang = setup.config.lang;
        view::show(
            setup.config,
            CharterText::Preset(setup.preset),
            texts(lang),
            yew_ui::same_wasm_requests(),
        );
        yew::scheduler::flush().await;
        Page
    }

    fn all(&self, selector: &str) -> Vec<Element> {
        let list = document()
            .query_selector_all(&format!("#cookie-charter {selector}"))
            .unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().dyn_into().unwrap())
            .collect()
    }

    fn one(&self, selector: &str) -> Option<Element> {
        self.all(selector).into_iter().next()
    }

    async fn click(&self, selector: &str) {
        let el = self
            .one(selector)
            .unwrap_or_else(|| panic!("no {selector}"));
        el.dyn_into::<HtmlElement>().unwrap().click();
        yew::scheduler::flush().await;
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        clean_page();
    }
}

/// Stops any running loop (its banner goes with it) and removes every consent UI of the page.
fn clean_page() {
    state_loop::stop();
    // The UI and the audience scripts an earlier test added (the page marks them loaded).
    let hosts = document()
        .query_selector_all("#cookie-charter, script[data-cookie-charter-audience]")
        .unwrap();
    for i in 0..hosts.length() {
        hosts
            .item(i)
            .unwrap()
            .dyn_into::<Element>()
            .unwrap()
            .remove();
    }
}

#[wasm_bindgen_test]
async fn banner_has_text_link_and_three_equal_buttons() {
    let app = Page::start(props(None, Lang::Fr, None)).await;
    let banner = app
        .one(".cookie-charter__banner")
        .expect("banner shown on first visit");
    assert_eq!(banner.get_attribute("role").as_deref(), Some("dialog"));
    let buttons = app.all(".cookie-charter__banner .cookie-charter__actions button");
    let labels: Vec<_> = buttons.iter().map(|b| b.text_content().unwrap()).collect();
    assert_eq!(labels, ["Tout accepter", "Tout refuser", "Personnaliser"]);
    let classes: Vec<_> = buttons.iter().map(|b| b.class_name()).collect();
    assert!(
        classes.iter().all(|c| c == &classes[0]),
        "same style for all three: {classes:?}"
    );
    let link = app.one(".cookie-charter__banner a").unwrap();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/charte-cookies.html")
    );
}

#[wasm_bindgen_test]
async fn banner_speaks_english_when_asked() {
    let app = Page::start(props(None, Lang::En, None)).await;
    let labels: Vec<_> = app
        .all(".cookie-charter__banner .cookie-charter__actions button")
        .iter()
        .map(|b| b.text_content().unwrap())
        .collect();
    assert_eq!(labels, ["Accept all", "Refuse all", "Customise"]);
    assert_eq!(
        app.one(".cookie-charter")
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("en")
    );
}

#[wasm_bindgen_test]
async fn a_stored_choice_hides_the_banner() {
    let charter = Preset::Default.charter(cookie_charter::web::json::parse);
    let stored = Choice::new(&charter, 1, |_| false);
    let app = Page::start(props(None, Lang::Fr, Some(stored))).await;
    assert!(app.one(".cookie-charter__banner").is_none());
    assert!(app.one(".cookie-charter__panel").is_none());
}

#[wasm_bindgen_test]
async fn refuse_all_stores_the_refusal_and_loads_nothing() {
    clear_preferences_cookie();
    let app = Page::start(props(Some("/refused-audience.js"), Lang::Fr, None)).await;
    app.click("[data-action=refuse-all]").await;
    assert!(
        app.one(".cookie-charter__banner").is_none(),
        "banner closes"
    );
    let choice = stored_choice().expect("cookie written with a valid choice");
    assert!(!choice.allows(AUDIENCE));
    assert_eq!(scripts_with_src("refused-audience.js"), 0);
}

#[wasm_bindgen_test]
async fn audience_script_is_added_only_after_consent_and_once() {
    clear_preferences_cookie();
    let app = Page::start(props(Some("/consented-audience.js"), Lang::Fr, None)).await;
    assert_eq!(
        scripts_with_src("consented-audience.js"),
        0,
        "nothing before a choice"
    );

    app.click("[data-action=customise]").await;
    let switch: HtmlInputElement = app
        .one("input[data-category=audience]")
        .unwrap()
        .dyn_into()
        .unwrap();
    assert!(!switch.checked(), "audience is off by default");
    assert_eq!(switch.get_attribute("role").as_deref(), Some("switch"));
    let necessary: HtmlInputElement = app
        .one("input[data-category=necessary]")
        .unwrap()
        .dyn_into()
        .unwrap();
    assert!(
        necessary.checked() && necessary.disabled(),
        "necessary is on and locked"
    );

    app.click("input[data-category=audience]").await;
    assert_eq!(
        scripts_with_src("consented-audience.js"),
        0,
        "switching is not saving"
    );
    app.click("[data-action=save]").await;
    assert!(stored_choice().unwrap().allows(AUDIENCE));
    assert_eq!(
        scripts_with_src("consented-audience.js"),
        1,
        "added after saving with audience on"
    );
    let script = document()
        .query_selector("script[data-cookie-charter-audience]")
        .unwrap()
        .unwrap();
    assert!(script.has_attribute("async"));

    // Choosing again (off, then on) never adds a second copy.
    let trigger = document().create_element("a").unwrap();
    trigger
        .set_attribute("data-cookie-charter-open", "")
        .unwrap();
    document().body().unwrap().append_child(&trigger).unwrap();
    trigger.clone().dyn_into::<HtmlElement>().unwrap().click();
    yew::scheduler::flush().await;
    assert!(
        app.one(".cookie-charter__panel").is_some(),
        "a data-cookie-charter-open element opens the panel"
    );
    app.click("input[data-category=audience]").await;
    app.click("[data-action=save]").await;
    assert!(
        !stored_choice().unwrap().allows(AUDIENCE),
        "withdrawal stored"
    );
    trigger.clone().dyn_into::<HtmlElement>().unwrap().click();
    yew::scheduler::flush().await;
    app.click("input[data-category=audience]").await;
    app.click("[data-action=save]").await;
    assert_eq!(
        scripts_with_src("consented-audience.js"),
        1,
        "loaded once only"
    );
    trigger.remove();
}

#[wasm_bindgen_test]
async fn closing_the_panel_without_a_choice_returns_to_the_banner() {
    let app = Page::start(props(None, Lang::Fr, None)).await;
    app.click("[data-action=customise]").await;
    assert!(app.one(".cookie-charter__panel").is_some());
    app.click(".cookie-charter__close").await;
    assert!(app.one(".cookie-charter__panel").is_none());
    let banner = app
        .one(".cookie-charter__banner")
        .expect("the banner is back");
    focus_moved().await;
    assert_eq!(
        document().active_element(),
        Some(banner),
        "the banner, shown again, has focus"
    );
}

#[wasm_bindgen_test]
async fn the_panel_also_accepts_or_refuses_everything_in_one_click() {
    clear_preferences_cookie();
    let app = Page::start(props(Some("/panel-accepted.js"), Lang::Fr, None)).await;
    app.click("[data-action=customise]").await;
    let panel = app.one(".cookie-charter__panel").expect("the panel");
    let labels: Vec<_> = panel
        .query_selector_all("button.cookie-charter__button")
        .map(|list| {
            (0..list.length())
                .filter_map(|i| list.item(i)?.text_content())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        labels,
        ["Tout accepter", "Tout refuser", "Enregistrer mes choix"],
        "the same two choices as the banner, then saving the switches"
    );
    app.click(".cookie-charter__panel [data-action=refuse-all]")
        .await;
    assert!(
        app.one(".cookie-charter__panel").is_none(),
        "the panel closes"
    );
    assert!(!stored_choice().expect("stored").allows(AUDIENCE));
    assert_eq!(scripts_with_src("panel-accepted.js"), 0);
    drop(app);

    clear_preferences_cookie();
    let app = Page::start(props(Some("/panel-accepted.js"), Lang::Fr, None)).await;
    app.click("[data-action=customise]").await;
    app.click(".cookie-charter__panel [data-action=accept-all]")
        .await;
    assert!(
        app.one(".cookie-charter__panel").is_none(),
        "the panel closes"
    );
    assert!(stored_choice().expect("stored").allows(AUDIENCE));
    assert_eq!(scripts_with_src("panel-accepted.js"), 1);
}

#[wasm_bindgen_test]
async fn charter_table_shows_every_row_grouped_by_category() {
    let props = CharterTableProps {
        charter: Rc::new(Preset::Default.charter(cookie_charter::web::json::parse)),
        texts: full_texts(Lang::Fr),
    };
    let table = Mounted::<CharterTable>::new(props).await;
    let headings: Vec<_> = table
        .all("thead th")
        .iter()
        .map(|th| th.text_content().unwrap())
        .collect();
    assert_eq!(
        headings,
        [
            "Nom du prestataire",
            "Service et emplacement",
            "Nom du cookie",
            "Finalités"
        ]
    );
    assert!(table
        .all("thead th")
        .iter()
        .all(|th| th.get_attribute("scope").as_deref() == Some("col")));
    let names: Vec<_> = table
        .all("tr.cookie-charter__row td:nth-child(3)")
        .iter()
        .map(|td| td.text_content().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "sessionid",
            "django_language",
            "csrftoken",
            "cookies_preferences",
            ""
        ]
    );
    assert_eq!(
        table
            .all("tbody[data-category=necessary] tr.cookie-charter__row")
            .len(),
        4
    );
    let audience = table.all("tbody[data-category=audience] tr.cookie-charter__row td");
    assert_eq!(
        audience[1].text_content().unwrap(),
        "Mesure d'audience (front et back office)"
    );
    assert!(table
        .one("caption")
        .unwrap()
        .text_content()
        .unwrap()
        .contains("Opendatasoft"));
}

#[wasm_bindgen_test]
async fn charter_page_has_introduction_heading_and_table() {
    let charter = Rc::new(Preset::Soregies.charter(cookie_charter::web::json::parse));
    let page = Mounted::<CharterPage>::new(CharterPageProps {
        charter,
        texts: full_texts(Lang::Fr),
    })
    .await;
    let headings: Vec<_> = page
        .all("h2")
        .iter()
        .map(|h| h.text_content().unwrap())
        .collect();
    assert_eq!(
        headings,
        [
            "Qu'est ce qu'un cookie ?",
            "A quoi servent les cookies sur la plateforme https://opendata.soregies.fr"
        ]
    );
    assert_eq!(page.all("ul li").len(), 4, "the four kinds of cookies");
    let link = page.one("h2 a").unwrap();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://opendata.soregies.fr")
    );
    assert_eq!(page.all("tr.cookie-charter__row").len(), 4);
    let group = page
        .one("th[scope=rowgroup]")
        .unwrap()
        .text_content()
        .unwrap();
    assert_eq!(
        group,
        "Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels"
    );
}

#[wasm_bindgen_test]
async fn charter_page_in_english_and_with_a_portal_intro() {
    let mut charter = Preset::SaintNazaire.charter(cookie_charter::web::json::parse);
    let page = Mounted::<CharterPage>::new(CharterPageProps {
        charter: Rc::new(charter.clone()),
        texts: full_texts(Lang::En),
    })
    .await;
    assert_eq!(
        page.one("h2").unwrap().text_content().unwrap(),
        "What is a cookie?"
    );
    let last = page.all("h2").pop().unwrap().text_content().unwrap();
    assert_eq!(
        last,
        "What cookies are used for on the platform data.saintnazaireagglo.fr"
    );
    assert!(page.one("h2 a").is_none(), "no address: the name, unlinked");
    drop(page);

    charter.intro = Some(vec![Section {
        heading: Some(Text {
            fr: "Nos cookies".into(),
            translations: Vec::new(),
        }),
        paragraphs: vec![Text::new("<b>Bonjour</b>", "<b>Hello</b>")],
        items: vec![],
    }]);
    let page = Mounted::<CharterPage>::new(CharterPageProps {
        charter: Rc::new(charter),
        texts: full_texts(Lang::En),
    })
    .await;
    assert_eq!(
        page.one("h2").unwrap().text_content().unwrap(),
        "Nos cookies",
        "French when no English"
    );
    assert_eq!(
        page.one("p").unwrap().text_content().unwrap(),
        "<b>Hello</b>",
        "markup shown as text"
    );
    assert!(page.one("p b").is_none());
}

#[wasm_bindgen_test]
async fn charter_table_in_english() {
    let props = CharterTableProps {
        charter: Rc::new(Preset::Default.charter(cookie_charter::web::json::parse)),
        texts: full_texts(Lang::En),
    };
    let table = Mounted::<CharterTable>::new(props).await;
    let first = table.all("thead th")[0].text_content().unwrap();
    assert_eq!(first, "Provider");
    let purpose = table.all("tr.cookie-charter__row td")[3]
        .text_content()
        .unwrap();
    assert_eq!(purpose, "Remember the user from one page to the next.");
}

#[wasm_bindgen_test]
fn reads_the_data_attributes_of_the_script_tag() {
    let script = document().create_element("script").unwrap();
    for (name, value) in [
        ("data-audience-src", "https://stats.example.org/matomo.js"),
        ("data-policy-url", "/pages/cookies/"),
        ("data-lang", "en"),
        ("data-consent-days", "30"),
        ("data-cookie-domain", "localhost"),
    ] {
        script.set_attribute(name, value).unwrap();
    }
    let raw = attributes::read_raw_config(Some(&script));
    assert_eq!(
        raw.audience_src.as_deref(),
        Some("https://stats.example.org/matomo.js")
    );
    assert_eq!(raw.policy_url.as_deref(), Some("/pages/cookies/"));
    assert_eq!(raw.lang.as_deref(), Some("en"));
    assert_eq!(raw.consent_days.as_deref(), Some("30"));
    assert_eq!(raw.cookie_domain.as_deref(), Some("localhost"));
    assert!(!raw.host.is_empty());
    assert_eq!(attributes::read_raw_config(None).audience_src, None);
}

#[wasm_bindgen_test]
fn mount_options_that_name_no_setting_are_found_and_worded() {
    let options: JsValue = js_sys::JSON::parse(
        r#"{"audienceSrc": "/a.js", "audienceSource": "/b.js", "lang": "en", "colour": "red"}"#,
    )
    .unwrap();
    assert_eq!(
        options::misnamed(&options),
        [
            Misnamed::Unknown("audienceSource".into()),
            Misnamed::Unknown("colour".into())
        ]
    );
    // What names a setting is read; what does not is not applied.
    let raw = options::read_raw_config(&options);
    assert_eq!(raw.audience_src.as_deref(), Some("/a.js"));
    assert_eq!(raw.lang.as_deref(), Some("en"));
    let worded = text!(Misnamed::Unknown("colour".into()));
    assert!(worded.starts_with("mount(options): unknown option \"colour\" (expected one of: "));
    assert!(worded.contains("audienceSrc") && worded.contains("nonce"));

    assert_eq!(
        options::misnamed(&JsValue::from_f64(3.0)),
        [Misnamed::NotAnObject]
    );
    assert_eq!(options::read_raw_config(&JsValue::from_f64(3.0)).lang, None);
    assert!(options::misnamed(&JsValue::NULL).is_empty());
    assert!(options::misnamed(&JsValue::UNDEFINED).is_empty());
}

#[wasm_bindgen_test]
fn script_urls_must_resolve_to_http() {
    assert!(scripts::resolve_http_url("/a.js")
        .unwrap()
        .starts_with("http"));
    assert!(scripts::resolve_http_url("//cdn.example.org/a.js")
        .unwrap()
        .starts_with("http"));
    assert!(matches!(
        scripts::resolve_http_url("javascript:alert(1)"),
        Err(scripts::ScriptError::Scheme(_))
    ));
    assert!(matches!(
        scripts::resolve_http_url("http://[bad"),
        Err(scripts::ScriptError::Unresolvable(_))
    ));
}

/// Lets `ms` milliseconds of the page's work happen, then flushes Yew.
async fn sleep(ms: i32) {
    let tick = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(tick).await.unwrap();
    yew::scheduler::flush().await;
}

/// Lets the task in which a banner takes focus run (it follows the task that shows the banner).
async fn focus_moved() {
    sleep(0).await;
}

/// Waits (up to about two seconds) until `selector` matches in the document.
async fn wait_for(selector: &str) {
    wait_until(selector, || {
        document().query_selector(selector).unwrap().is_some()
    })
    .await;
}

/// Waits (up to about two seconds) until `done()`; panics naming `what` otherwise.
async fn wait_until(what: &str, done: impl Fn() -> bool) {
    for _ in 0..200 {
        if done() {
            return;
        }
        sleep(10).await;
    }
    panic!("{what} never happened");
}

/// What a Rust application's wasm answers when the page runtime asks for a portal's own charter.
async fn own_charter(own: Own<'_>) -> Option<ReadCharter> {
    let answer = Rc::new(RefCell::new(None));
    let put = answer.clone();
    let ask = yew_ui::same_wasm_requests().charter;
    ask(
        own,
        Lang::Fr,
        Box::new(move |read| *put.borrow_mut() = Some(read)),
    );
    wait_until("the charter's answer", || answer.borrow().is_some()).await;
    answer.take().unwrap()
}

#[wasm_bindgen_test]
async fn a_rust_application_reads_a_portals_own_charter_in_its_wasm() {
    let json = Preset::Soregies.json();
    let read = own_charter(Own::Inline(json))
        .await
        .expect("a valid charter is read");
    assert_eq!(read.json, json);
    assert_eq!(
        structure::read(&read.structure),
        Preset::Soregies.structure(Lang::Fr)
    );
    assert_eq!(own_charter(Own::Inline(r#"{"categories": 3}"#)).await, None);
    // The test runner's own page: fetched, and not a charter.
    assert_eq!(
        own_charter(Own::Url("/")).await,
        None,
        "a fetched text that is no charter"
    );
}

#[wasm_bindgen_test]
async fn mounting_twice_makes_one_banner() {
    clear_preferences_cookie();
    // The promises resolve once rendered; the banner is awaited below instead.
    clean_page();
    let noop = || function(|_, _| {});
    let _first = start::mount(None, JsValue::UNDEFINED, noop(), noop(), noop(), noop());
    let _second = start::mount(None, JsValue::UNDEFINED, noop(), noop(), noop(), noop());
    wait_for("#cookie-charter .cookie-charter__banner").await;
    let roots = document()
        .query_selector_all("#cookie-charter")
        .unwrap()
        .length();
    assert_eq!(roots, 1);
    let banners = document()
        .query_selector_all("#cookie-charter .cookie-charter__banner")
        .unwrap();
    assert_eq!(banners.length(), 1);
    clean_page();
}

#[wasm_bindgen_test]
async fn closing_the_banner_refuses_and_is_stored() {
    clear_preferences_cookie();
    let app = Page::start(props(None, Lang::Fr, None)).await;
    let close = app
        .one(".cookie-charter__banner [data-action=dismiss]")
        .unwrap();
    assert_eq!(
        close.get_attribute("aria-label").as_deref(),
        Some("Fermer et refuser les cookies optionnels")
    );
    app.click(".cookie-charter__banner [data-action=dismiss]")
        .await;
    assert!(app.one(".cookie-charter__banner").is_none());
    assert!(!stored_choice().expect("stored").allows(AUDIENCE));
}

#[wasm_bindgen_test]
async fn escape_on_the_banner_refuses_and_focus_starts_there() {
    clear_preferences_cookie();
    let app = Page::start(props(None, Lang::Fr, None)).await;
    focus_moved().await;
    let banner = app.one(".cookie-charter__banner").unwrap();
    assert_eq!(
        document().active_element(),
        Some(banner.clone()),
        "the banner takes focus"
    );
    assert!(document()
        .document_element()
        .unwrap()
        .class_list()
        .contains("cookie-charter-banner-open"));
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    banner.dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;
    assert!(app.one(".cookie-charter__banner").is_none());
    assert!(!stored_choice()
        .expect("Esc stores a refusal")
        .allows(AUDIENCE));
    assert!(!document()
        .document_element()
        .unwrap()
        .class_list()
        .contains("cookie-charter-banner-open"));
}

#[wasm_bindgen_test]
async fn preferences_open_as_a_modal_dialog_and_give_focus_back() {
    let opener: HtmlElement = document()
        .create_element("button")
        .unwrap()
        .dyn_into()
        .unwrap();
    opener
        .set_attribute("data-cookie-charter-open", "")
        .unwrap();
    document().body().unwrap().append_child(&opener).unwrap();
    let stored = Choice::new(
        &Preset::Default.charter(cookie_charter::web::json::parse),
        1,
        |_| false,
    );
    let app = Page::start(props(None, Lang::Fr, Some(stored))).await;
    opener.focus().unwrap();
    opener.click();
    yew::scheduler::flush().await;
    let dialog: web_sys::HtmlDialogElement = app
        .one("dialog.cookie-charter__panel")
        .unwrap()
        .dyn_into()
        .unwrap();
    assert!(dialog.open());
    assert!(dialog.matches(":modal").unwrap(), "opened with showModal");
    app.click("dialog .cookie-charter__close").await;
    assert!(app.one("dialog").is_none());
    assert_eq!(
        document().active_element(),
        Some(opener.clone().into()),
        "focus returns to the opener"
    );
    opener.remove();
}

#[wasm_bindgen_test]
async fn global_privacy_control_is_mentioned_and_refuses_by_default() {
    let mut p = props(Some("/gpc-audience.js"), Lang::Fr, None);
    p.gpc = true;
    let app = Page::start(p).await;
    assert!(app
        .one("[data-notice=gpc]")
        .unwrap()
        .text_content()
        .unwrap()
        .contains("Global Privacy Control"));
    app.click("[data-action=customise]").await;
    let switch: HtmlInputElement = app
        .one("input[data-category=audience]")
        .unwrap()
        .dyn_into()
        .unwrap();
    assert!(!switch.checked());
    assert_eq!(scripts_with_src("gpc-audience.js"), 0);
}

#[wasm_bindgen_test]
async fn floating_button_reopens_the_preferences() {
    let stored = Choice::new(
        &Preset::Default.charter(cookie_charter::web::json::parse),
        1,
        |_| false,
    );
    let p = Setup {
        config: config_with(|c| c.floating_button = true),
        preset: Preset::Default,
        stored: Some(stored),
        gpc: false,
    };
    let app = Page::start(p).await;
    assert_eq!(
        app.one(".cookie-charter__floating")
            .unwrap()
            .text_content()
            .unwrap(),
        "Gérer mes cookies"
    );
    app.click(".cookie-charter__floating").await;
    assert!(app.one("dialog.cookie-charter__panel").is_some());
    assert!(app.one(".cookie-charter__floating").is_none());
}

#[wasm_bindgen_test]
async fn withdrawal_erases_audience_cookies_and_every_choice_fires_an_event() {
    clear_preferences_cookie();
    let events = std::rc::Rc::new(std::cell::RefCell::new(Vec::<wasm_bindgen::JsValue>::new()));
    let recorder = {
        let events = events.clone();
        gloo_events::EventListener::new(&document(), "cookie-charter:change", move |e| {
            let e: &web_sys::CustomEvent = e.dyn_ref().unwrap();
            events.borrow_mut().push(e.detail());
        })
    };
    let app = Page::start(props(None, Lang::Fr, None)).await;
    app.click("[data-action=accept-all]").await;
    for cookie in [
        "_pk_id.1.abcd=1; Path=/",
        "_ga=GA1.1.2; Path=/",
        "_ga_XYZ=3; Path=/",
        "keepme=4; Path=/",
    ] {
        cookies::write(cookie);
    }
    let trigger: HtmlElement = document().create_element("a").unwrap().dyn_into().unwrap();
    trigger
        .set_attribute("data-cookie-charter-open", "")
        .unwrap();
    document().body().unwrap().append_child(&trigger).unwrap();
    trigger.click();
    yew::scheduler::flush().await;
    app.click("input[data-category=audience]").await;
    app.click("[data-action=save]").await;
    let jar = cookies::all();
    for gone in ["_pk_id.1.abcd", "_ga=", "_ga_XYZ"] {
        assert!(!jar.contains(gone), "{gone} still in {jar}");
    }
    assert!(jar.contains("keepme=4"), "other cookies stay");
    assert!(jar.contains("cookies_preferences="), "the choice stays");
    let seen = events.borrow();
    assert_eq!(seen.len(), 2, "one event per choice");
    let audience = |v: &wasm_bindgen::JsValue| {
        js_sys::Reflect::get(v, &"audience".into())
            .unwrap()
            .as_bool()
    };
    assert_eq!(audience(&seen[0]), Some(true));
    assert_eq!(audience(&seen[1]), Some(false));
    let revision = js_sys::Reflect::get(&seen[1], &"revision".into())
        .unwrap()
        .as_string();
    assert_eq!(
        revision,
        Some(
            Preset::Default
                .charter(cookie_charter::web::json::parse)
                .revision()
        )
    );
    cookies::write("keepme=; Path=/; Max-Age=0");
    trigger.remove();
    drop(recorder);
}

#[wasm_bindgen_test]
async fn blocked_tags_run_only_after_consent_in_order_and_once() {
    clear_preferences_cookie();
    let host = document().create_element("div").unwrap();
    host.set_inner_html(
        r#"<script type="text/plain" data-cookie-category="audience">window.__blocked = (window.__blocked || []).concat("first");</script>
           <iframe data-cookie-category="audience" data-src="/blocked-frame.html" title="x"></iframe>
           <script type="text/plain" data-cookie-category="audience">window.__blocked = (window.__blocked || []).concat("second");</script>
           <iframe data-cookie-category="audience" data-src="javascript:alert(1)" title="y"></iframe>"#,
    );
    document().body().unwrap().append_child(&host).unwrap();
    let runs = || js_sys::Reflect::get(&web_sys::window().unwrap(), &"__blocked".into()).unwrap();
    let app = Page::start(props(None, Lang::Fr, None)).await;
    assert!(runs().is_undefined(), "nothing before consent");
    app.click("[data-action=refuse-all]").await;
    assert!(runs().is_undefined(), "nothing after refusal");
    drop(app);

    let app = Page::start(props(None, Lang::Fr, None)).await;
    app.click("[data-action=accept-all]").await;
    wait_until("both blocked scripts ran", || {
        let runs = runs();
        !runs.is_undefined() && js_sys::Array::from(&runs).length() == 2
    })
    .await;
    let order: Vec<String> = js_sys::Array::from(&runs())
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    assert_eq!(order, ["first", "second"]);
    let frames = host.query_selector_all("iframe").unwrap();
    let frame = |i| frames.item(i).unwrap().dyn_into::<Element>().unwrap();
    assert!(frame(0)
        .get_attribute("src")
        .unwrap()
        .ends_with("/blocked-frame.html"));
    assert_eq!(
        frame(1).get_attribute("src"),
        None,
        "a javascript: frame is never activated"
    );
    drop(app);

    // A later consent on the same page does not run them again.
    let stored = Choice::new(
        &Preset::Default.charter(cookie_charter::web::json::parse),
        1,
        |_| true,
    );
    let _again = Page::start(props(None, Lang::Fr, Some(stored))).await;
    sleep(50).await;
    assert_eq!(js_sys::Array::from(&runs()).length(), 2);
    host.remove();
}

#[wasm_bindgen_test]
async fn after_customise_and_save_focus_returns_where_it_was_before_the_banner() {
    clear_preferences_cookie();
    let before: HtmlElement = document()
        .create_element("button")
        .unwrap()
        .dyn_into()
        .unwrap();
    document().body().unwrap().append_child(&before).unwrap();
    before.focus().unwrap();
    let app = Page::start(props(None, Lang::Fr, None)).await;
    focus_moved().await;
    assert_eq!(
        document().active_element(),
        app.one(".cookie-charter__banner"),
        "the banner takes focus"
    );
    app.click("[data-action=customise]").await;
    let dialog = app
        .one("dialog.cookie-charter__panel")
        .expect("the panel opens");
    assert!(dialog.contains(document().active_element().as_ref().map(|e| e.as_ref())));
    app.click("[data-action=save]").await;
    assert!(app.one("dialog").is_none());
    assert_eq!(
        document().active_element(),
        Some(before.clone().into()),
        "focus is back on the element that had it before the banner"
    );
    before.remove();
}

#[wasm_bindgen_test]
async fn the_banner_widget_cleans_up_after_itself() {
    use cookie_charter::page::banner::{Banner, BannerContent, Pressed};
    let parent = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&parent).unwrap();
    let before: HtmlElement = document()
        .create_element("input")
        .unwrap()
        .dyn_into()
        .unwrap();
    document().body().unwrap().append_child(&before).unwrap();
    before.focus().unwrap();
    let pressed = Rc::new(std::cell::RefCell::new(Vec::new()));
    let record = pressed.clone();
    let french = texts(Lang::Fr);
    let content = BannerContent {
        texts: &french.texts,
        policy_url: None,
        gpc_notice: false,
    };
    let banner = Banner::show(&parent, content, move |p| record.borrow_mut().push(p)).unwrap();
    assert_eq!(
        document().active_element(),
        Some(before.clone().into()),
        "focus stays put while the banner's task runs"
    );
    focus_moved().await;
    assert_eq!(
        document().active_element(),
        parent.query_selector(".cookie-charter__banner").unwrap(),
        "then the banner takes it"
    );
    let html = || document().document_element().unwrap().class_list();
    assert!(html().contains("cookie-charter-banner-open"));
    assert!(
        parent.query_selector("a").unwrap().is_none(),
        "no policy link without a URL"
    );
    for action in ["accept-all", "refuse-all", "customise", "dismiss"] {
        let button: HtmlElement = parent
            .query_selector(&format!("[data-action={action}]"))
            .unwrap()
            .unwrap()
            .dyn_into()
            .unwrap();
        button.click();
    }
    assert_eq!(
        *pressed.borrow(),
        [
            Pressed::AcceptAll,
            Pressed::RefuseAll,
            Pressed::Customise,
            Pressed::RefuseAll
        ],
        "× refuses, as closing does"
    );
    drop(banner);
    assert_eq!(parent.child_element_count(), 0, "removed");
    assert!(!html().contains("cookie-charter-banner-open"));
    assert_eq!(document().active_element(), Some(before.clone().into()));
    parent.remove();
    before.remove();
}

#[wasm_bindgen_test]
fn settings_are_built_only_when_every_value_passes() {
    use cookie_charter::core::config::ConfigError;
    use cookie_charter::{Settings, SettingsError};

    let good = Settings::builder()
        .preset("soregies")
        .audience_src("/stub-audience.js")
        .consent_days(395)
        .matomo(true)
        .build();
    assert!(good.is_ok(), "{good:?}");

    let errors = Settings::builder()
        .consent_days(1000)
        .preset("nowhere")
        .audience_src("javascript:alert(1)")
        .cookie_domain("example.org")
        .build()
        .unwrap_err();
    assert!(matches!(
        errors.as_slice(),
        [
            SettingsError::Setting(ConfigError::AudienceSrc(..)),
            SettingsError::Setting(ConfigError::ConsentDays(days)),
            SettingsError::Setting(ConfigError::ForeignCookieDomain { .. }),
            SettingsError::Setting(ConfigError::Preset(_)),
        ] if days == "1000"
    ));
    assert!(errors[1]
        .to_string()
        .starts_with("[cookie-charter] data-consent-days"));

    let errors = Settings::builder()
        .charter_json(r#"{"categories": 3}"#)
        .build()
        .unwrap_err();
    assert!(!errors.is_empty());
    assert!(errors
        .iter()
        .all(|e| matches!(e, SettingsError::Charter(_))));
}

/// Where constructed stylesheets are missing (Safari before 16.4), adopting one is a console
/// warning that names what was thrown, and nothing reaches the page (the host's component keeps
/// rendering; the page links the stylesheet files).
#[wasm_bindgen_test]
fn a_stylesheet_that_cannot_be_adopted_is_a_warning() {
    use js_sys::Reflect;
    let window = web_sys::window().unwrap();
    let console = Reflect::get(&window, &"console".into()).unwrap();
    let warn = Reflect::get(&console, &"warn".into()).unwrap();
    let constructor = Reflect::get(&window, &"CSSStyleSheet".into()).unwrap();
    let warned = Rc::new(std::cell::RefCell::new(Vec::<String>::new()));
    let record = {
        let warned = warned.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |message: JsValue| {
            warned
                .borrow_mut()
                .push(message.as_string().unwrap_or_default())
        })
    };
    // Called from JavaScript, so that an exception comes back as an error and the page is
    // restored before anything is asserted.
    let adopt =
        Closure::<dyn FnMut()>::new(|| cookie_charter::web::stylesheet::adopt("p { color: red }"));
    let call_adopt = || {
        adopt
            .as_ref()
            .unchecked_ref::<js_sys::Function>()
            .call0(&JsValue::UNDEFINED)
    };
    Reflect::set(&console, &"warn".into(), record.as_ref()).unwrap();
    Reflect::set(&window, &"CSSStyleSheet".into(), &JsValue::UNDEFINED).unwrap();
    let without_constructor = call_adopt();
    Reflect::set(&window, &"CSSStyleSheet".into(), &constructor).unwrap();
    // A failure that throws no Error: the document's list of adopted sheets is not an array.
    let document = window.document().unwrap();
    let not_a_list = js_sys::Object::new();
    Reflect::set(&not_a_list, &"value".into(), &JsValue::from(5)).unwrap();
    Reflect::set(&not_a_list, &"configurable".into(), &JsValue::TRUE).unwrap();
    js_sys::Object::define_property(&document, &"adoptedStyleSheets".into(), &not_a_list);
    let without_list = call_adopt();
    Reflect::delete_property(&document, &"adoptedStyleSheets".into()).unwrap();
    Reflect::set(&console, &"warn".into(), &warn).unwrap();

    assert!(
        without_constructor.is_ok(),
        "adopt threw: {without_constructor:?}"
    );
    assert!(without_list.is_ok(), "adopt threw: {without_list:?}");
    let warned = warned.borrow();
    assert_eq!(warned.len(), 2, "{warned:?}");
    for message in warned.iter() {
        assert!(
            message.starts_with("[cookie-charter] the styles could not be applied ("),
            "{message}"
        );
    }
    // The TypeError's message stands between the brackets; a thrown value that is no Error
    // leaves them empty.
    assert!(!warned[0].contains("applied ()"), "{}", warned[0]);
    assert!(warned[1].contains("applied ()"), "{}", warned[1]);
    // The page's own list of adopted sheets is back.
    assert!(js_sys::Array::is_array(
        &Reflect::get(&document, &"adoptedStyleSheets".into()).unwrap()
    ));
}

/// The browser's `JSON.parse`, as the web layer hands it to the core, meets what the core's
/// readers expect of a parser, as serde_json does natively.
#[wasm_bindgen_test]
fn json_parse_meets_what_the_readers_expect_of_a_parser() {
    cookie_charter::core::json::parser_conformance::check(cookie_charter::web::json::parse);
}
