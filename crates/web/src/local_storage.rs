//! `window.localStorage`, as values: where storage is disabled (a browser setting, some
//! private modes, a sandboxed frame) even reading `window.localStorage` throws a
//! `SecurityError`. Every call here returns [`Unavailable`] instead of throwing, so a failing
//! storage never stops what a choice does next. (gloo-storage's `LocalStorage` throws there.)

use web_sys::Storage;

/// `localStorage` cannot be used on this page, or refused the operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unavailable;

fn storage() -> Result<Storage, Unavailable> {
    crate::window::window()
        .ok_or(Unavailable)?
        .local_storage()
        .map_err(|_| Unavailable)?
        .ok_or(Unavailable)
}

/// The value kept under `key`, if any.
pub fn get(key: &str) -> Result<Option<String>, Unavailable> {
    storage()?.get_item(key).map_err(|_| Unavailable)
}

/// Keeps `value` under `key`.
pub fn set(key: &str, value: &str) -> Result<(), Unavailable> {
    storage()?.set_item(key, value).map_err(|_| Unavailable)
}

/// Removes what is kept under `key`.
pub fn remove(key: &str) -> Result<(), Unavailable> {
    storage()?.remove_item(key).map_err(|_| Unavailable)
}
