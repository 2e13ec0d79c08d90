use yew::prelude::*;

use crate::web::openers;

/// Calls `on_open` whenever the visitor clicks an element with `data-cookie-charter-open`
/// (see [`openers::listen`]), while the component is mounted.
#[hook]
pub fn use_open_triggers(on_open: Callback<()>) {
    use_effect_with(on_open, |on_open| {
        let on_open = on_open.clone();
        let listener = openers::listen(move || on_open.emit(()));
        move || drop(listener)
    });
}
