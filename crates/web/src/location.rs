//! Where the page is (`window.location`): its host and path (where its cookies can be set),
//! whether it is served over https, its address, and reloading it. Read in `location.js`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/location.js")]
extern "C" {
    /// The page's host name: the domains its cookies can be set on, and the one a configured
    /// cookie domain is checked against.
    #[wasm_bindgen(js_name = page_host)]
    pub fn host() -> String;
    /// The page's path: the paths its cookies can be set on.
    #[wasm_bindgen(js_name = page_path)]
    pub fn path() -> String;
    /// Whether the page is served over https, so that cookies get the `Secure` attribute.
    #[wasm_bindgen(js_name = page_is_secure)]
    pub fn is_secure() -> bool;
    /// The page's address (`location.href`): where a receipt's choice was made.
    #[wasm_bindgen(js_name = page_address)]
    pub fn address() -> String;
    /// Reloads the page, so that scripts already running after a withdrawal stop.
    #[wasm_bindgen(js_name = reload_page, catch)]
    pub fn reload() -> Result<(), JsValue>;
}
