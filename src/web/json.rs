//! The browser's JSON parser for the core's readers ([`crate::core::json::Parser`]): text goes
//! through `JSON.parse`, so the component ships no JSON parser of its own.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::core::json::{Json, MAX_DEPTH};

/// Parses JSON text with the browser's `JSON.parse` into the core's [`Json`] tree.
pub fn parse(text: &str) -> Result<Json, String> {
    let value =
        js_sys::JSON::parse(text).map_err(|e| String::from(js_sys::Error::from(e).message()))?;
    from_js(&value, 0)
}

fn from_js(value: &JsValue, depth: usize) -> Result<Json, String> {
    if depth > MAX_DEPTH {
        return Err(format!("nested more than {MAX_DEPTH} levels deep"));
    }
    Ok(if value.is_null() {
        Json::Null
    } else if let Some(b) = value.as_bool() {
        Json::Bool(b)
    } else if let Some(n) = value.as_f64() {
        Json::Number(n)
    } else if let Some(s) = value.as_string() {
        Json::String(s)
    } else if let Some(array) = value.dyn_ref::<Array>() {
        Json::Array(
            array
                .iter()
                .map(|item| from_js(&item, depth + 1))
                .collect::<Result<_, _>>()?,
        )
    } else {
        let keys = Object::keys(value.unchecked_ref::<Object>());
        let mut members = Vec::with_capacity(keys.length() as usize);
        for key in keys.iter() {
            let item = Reflect::get(value, &key).map_err(|_| "unreadable member".to_owned())?;
            members.push((
                key.as_string().unwrap_or_default(),
                from_js(&item, depth + 1)?,
            ));
        }
        Json::Object(members)
    })
}

#[cfg(test)]
mod tests {
    //! In headless Chromium (`cargo test --target wasm32-unknown-unknown`): `JSON.parse` gives
    //! the trees the core's native tests expect from serde_json.
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn parses_every_kind_of_value() {
        let json = parse(r#"{"a":[1,2.5,-3],"b":"x\ny","c":true,"d":null,"e":{}}"#).unwrap();
        let Json::Object(members) = &json else {
            panic!("{json:?}")
        };
        assert_eq!(members.len(), 5);
        assert_eq!(
            members[0].1,
            Json::Array(vec![
                Json::Number(1.0),
                Json::Number(2.5),
                Json::Number(-3.0)
            ])
        );
        assert_eq!(members[1].1, Json::String("x\ny".into()));
        assert_eq!(members[3].1, Json::Null);
        assert!(parse("{").is_err());
        assert!(parse("").is_err());
        assert!(parse("[1,]").is_err());
    }

    #[wasm_bindgen_test]
    fn refuses_deep_nesting() {
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 2), "]".repeat(MAX_DEPTH + 2));
        assert!(parse(&deep).unwrap_err().contains("levels deep"));
        let fine = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&fine).is_ok());
    }

    #[wasm_bindgen_test]
    fn writes_what_it_reads() {
        let text = r#"{"b":[true,false],"n":[0,-7,9007199254740991],"o":{},"s":"q\"b\\n\n\u0001é","z":null}"#;
        let json = parse(text).unwrap();
        assert_eq!(json.to_text(), text);
        assert_eq!(parse(&json.to_text()).unwrap(), json);
    }

    #[wasm_bindgen_test]
    fn null_members_and_the_last_repeat_are_kept_as_the_core_reads_them() {
        let json = parse(r#"{"a":null,"b":"1","b":"2"}"#).unwrap();
        assert_eq!(
            json,
            Json::Object(vec![
                ("a".into(), Json::Null),
                ("b".into(), Json::String("2".into()))
            ])
        );
    }
}
