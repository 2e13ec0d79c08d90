//! What the register adds around the receipts, on SQLite and on PostgreSQL: banners shown counted
//! without any identifier, the DPO's dashboard behind the admin credential (its numbers, its
//! periods, its refusals), and the choice cookie set by the server for the banner.

mod common;

use common::*;
use cookie_charter_core::charter_json;
use cookie_charter_core::consent::Choice;
use cookie_charter_core::cookie_codec;
use cookie_charter_core::json;
use cookie_charter_register::config::Config;

const RELAXED: &str = "[limits]\nper_client_per_minute = 100000\nglobal_per_second = 100000";

/// Posts `body` to portal `demo`'s `endpoint` from `origin`, as the banner does; the status.
async fn post(
    r: &Register,
    client: &reqwest::Client,
    endpoint: &str,
    origin: &str,
    body: &str,
) -> reqwest::Response {
    client
        .post(r.url(&format!("/v1/portals/demo/{endpoint}")))
        .header("content-type", "text/plain;charset=UTF-8")
        .header("origin", origin)
        .body(body.to_owned())
        .send()
        .await
        .unwrap()
}

/// The columns of the `impressions` table, in order.
async fn impression_columns(r: &Register) -> Vec<String> {
    match r.engine {
        Engine::Sqlite => {
            let pool = sqlx::SqlitePool::connect(&r.database).await.unwrap();
            let columns: Vec<(String,)> =
                sqlx::query_as("SELECT name FROM pragma_table_info('impressions') ORDER BY cid")
                    .fetch_all(&pool)
                    .await
                    .unwrap();
            pool.close().await;
            columns.into_iter().map(|c| c.0).collect()
        }
        Engine::Postgres => {
            let pool = sqlx::PgPool::connect(&r.database).await.unwrap();
            let columns: Vec<(String,)> = sqlx::query_as(
                "SELECT column_name::text FROM information_schema.columns
                 WHERE table_name = 'impressions' ORDER BY ordinal_position",
            )
            .fetch_all(&pool)
            .await
            .unwrap();
            pool.close().await;
            columns.into_iter().map(|c| c.0).collect()
        }
    }
}

#[tokio::test]
async fn banners_shown_are_counted_by_day_with_no_identifier() {
    for engine in engines() {
        let mut r = Register::new(engine, RELAXED).await;
        r.start().await;
        let client = reqwest::Client::new();
        let shown = format!(r#"{{"revision":"{}","lang":"fr"}}"#, r.revision(0));
        for _ in 0..5 {
            let response = post(&r, &client, "impressions", ORIGIN, &shown).await;
            assert_eq!(response.status(), 204, "{engine:?}");
            assert_eq!(response.headers()["access-control-allow-origin"], ORIGIN);
        }
        let english = format!(r#"{{"revision":"{}","lang":"en"}}"#, r.revision(1));
        assert_eq!(
            post(&r, &client, "impressions", ORIGIN, &english)
                .await
                .status(),
            204
        );
        // Anything that could tell one visitor from another is refused, not stored.
        for (body, status) in [
            (
                format!(
                    r#"{{"revision":"{}","lang":"fr","id":"{}"}}"#,
                    r.revision(0),
                    new_id()
                ),
                400,
            ),
            (r#"{"revision":"00000000","lang":"fr"}"#.to_owned(), 422),
            (
                format!(r#"{{"revision":"{}","lang":"xx"}}"#, r.revision(0)),
                422,
            ),
            ("not json".to_owned(), 400),
        ] {
            let response = post(&r, &client, "impressions", ORIGIN, &body).await;
            assert_eq!(response.status(), status, "{body}");
        }
        assert_eq!(
            post(&r, &client, "impressions", "https://evil.example", &shown)
                .await
                .status(),
            403
        );
        assert_eq!(
            impression_columns(&r).await,
            ["portal", "revision", "lang", "day", "count"],
            "counts only: no id, no address, no time finer than the day"
        );
        let counted = r
            .store()
            .await
            .impressions("demo", "2026-12-07", "2026-12-07")
            .await
            .unwrap();
        let total: u64 = counted.iter().map(|c| c.count).sum();
        assert_eq!(total, 6);
        assert!(counted.iter().all(|c| c.day == "2026-12-07"));
        r.stop().await;
    }
}

#[tokio::test]
async fn the_dashboard_shows_the_dpo_what_was_shown_and_decided() {
    for engine in engines() {
        let mut r = Register::new(engine, RELAXED).await;
        r.start().await;
        let client = reqwest::Client::new();
        let shown = format!(r#"{{"revision":"{}","lang":"fr"}}"#, r.revision(0));
        // The day before: two banners, one refusal.
        r.clock.set(today() - 86_400);
        for _ in 0..2 {
            post(&r, &client, "impressions", ORIGIN, &shown).await;
        }
        r.send(&client, &r.receipt(&new_id(), false), None).await;
        // Today: four banners, one acceptance, one refusal, one custom choice over services.
        r.clock.set(today());
        for _ in 0..4 {
            post(&r, &client, "impressions", ORIGIN, &shown).await;
        }
        r.send(&client, &r.receipt(&new_id(), true), None).await;
        r.send(&client, &r.receipt(&new_id(), false), None).await;
        let custom = format!(
            r#"{{"id":"{}","decidedAt":1,"revision":"{}","choices":{{"necessary":true,"audience":true,"embeds":false,"youtube":true,"umap":false}},"lang":"fr","page":"{ORIGIN}/"}}"#,
            new_id(),
            r.revision(1)
        );
        assert_eq!(r.send(&client, &custom, None).await.0, 204);

        // Without the credential, a browser is asked for it.
        let none = client.get(r.url("/dashboard")).send().await.unwrap();
        assert_eq!(none.status(), 401);
        assert!(none.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Basic realm="));
        let wrong = client
            .get(r.url("/dashboard"))
            .basic_auth("dpo", Some("not-the-token"))
            .send()
            .await
            .unwrap();
        assert_eq!(wrong.status(), 401);

        let page = client
            .get(r.url("/dashboard?portal=demo&from=2026-12-01&to=2026-12-07"))
            .basic_auth("dpo", Some(TOKEN))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200, "{engine:?}");
        assert_eq!(page.headers()["content-type"], "text/html; charset=utf-8");
        assert_eq!(page.headers()["cache-control"], "no-store");
        let html = page.text().await.unwrap();
        for row in [
            r#"<th scope="row">Bannières vues</th><td>6</td>"#,
            r#"<th scope="row">Décisions</th><td>4</td><td>66,7 %</td>"#,
            r#"<th scope="row">Tout accepter</th><td>1</td>"#,
            r#"<th scope="row">Tout refuser</th><td>2</td>"#,
            r#"<th scope="row">Personnalisé</th><td>1</td>"#,
            r#"<th scope="row">Sans décision</th><td>2</td>"#,
            // Each day, in the table that repeats the chart.
            r#"<th scope="row">2026-12-06</th><td>2</td><td>0</td><td>0</td><td>1</td><td>1</td>"#,
            r#"<th scope="row">2026-12-07</th><td>4</td><td>1</td><td>1</td><td>1</td><td>1</td>"#,
            r#"<th scope="row">2026-12-05</th><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td>"#,
            // Acceptance of optional categories and services: 2 of 4 for the audience.
            r#"<th scope="row">audience</th><td>2</td><td>4</td><td>50,0 %</td>"#,
            r#"<th scope="row">youtube</th><td>1</td><td>1</td><td>100,0 %</td>"#,
            r#"<th scope="row">umap</th><td>0</td><td>1</td><td>0,0 %</td>"#,
        ] {
            assert!(html.contains(row), "{engine:?}: {row} missing from\n{html}");
        }
        assert!(
            !html.contains(r#"<th scope="row">necessary</th>"#),
            "required cookies are not a choice: no rate for them"
        );
        assert!(html.contains("<title>Registre des consentements — demo</title>"));
        assert!(html.contains(r#"<svg role="img" aria-labelledby="daily-title daily-desc""#));

        // The services charter took effect on 2026-06-01: marked on that day's bar.
        let around = client
            .get(r.url("/dashboard?portal=demo&from=2026-05-30&to=2026-06-02"))
            .basic_auth("dpo", Some(TOKEN))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(around.contains(&format!("révision {}", r.revision(1))));
        assert!(!html.contains(&format!("révision {}", r.revision(1))));

        // Another portal's numbers are its own.
        let soregies = client
            .get(r.url("/dashboard?portal=soregies"))
            .basic_auth("dpo", Some(TOKEN))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(soregies.contains(r#"<th scope="row">Bannières vues</th><td>0</td>"#));
        assert!(soregies.contains("Aucune décision sur la période."));

        for (query, status) in [
            ("portal=nowhere", 404),
            ("from=2026-13-01", 400),
            ("from=2026-12-07&to=2026-12-01", 400),
            ("portal=demo&ip=1", 400),
        ] {
            let response = client
                .get(r.url(&format!("/dashboard?{query}")))
                .basic_auth("dpo", Some(TOKEN))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), status, "{query}");
        }
        r.stop().await;
    }
}

/// The cookie value the banner writes for a choice over portal `demo`'s charter `index`.
fn value_for(r: &Register, index: usize, decided_at: i64, audience: bool) -> String {
    let config = r.config();
    let revision = &config.portal("demo").unwrap().revisions[index];
    let charter = charter_json::parse(&revision.canonical, json::parse).unwrap();
    let choice = Choice::new(&charter, decided_at as u64, |id| {
        audience && id == "audience"
    });
    cookie_codec::encode(&choice, &charter)
}

#[tokio::test]
async fn the_register_sets_the_choice_cookie_the_banner_would_write() {
    for engine in engines() {
        let mut r = Register::new(engine, RELAXED).await;
        r.start().await;
        let client = reqwest::Client::new();
        for index in [0, 1] {
            let value = value_for(&r, index, today() - 60, true);
            let response = post(&r, &client, "choice", ORIGIN, &value).await;
            assert_eq!(response.status(), 204, "{engine:?} {index}");
            assert_eq!(
                response.headers()["set-cookie"],
                format!(
                    "cookies_preferences={value}; Path=/; Max-Age={}; SameSite=Lax; Secure",
                    182 * 86_400
                )
            );
            assert_eq!(response.headers()["access-control-allow-origin"], ORIGIN);
            assert_eq!(
                response.headers()["access-control-allow-credentials"],
                "true"
            );
        }
        // The register never writes what the banner would not read back.
        let expired = value_for(&r, 0, today() - 200 * 86_400, true);
        let future = value_for(&r, 0, today() + 86_400, true);
        for value in [expired.as_str(), future.as_str(), "garbage", "", "a;b=c"] {
            let response = post(&r, &client, "choice", ORIGIN, value).await;
            assert_eq!(response.status(), 422, "{value}");
            assert!(response.headers().get("set-cookie").is_none());
        }
        let value = value_for(&r, 0, today(), false);
        let elsewhere = post(&r, &client, "choice", "https://evil.example", &value).await;
        assert_eq!(elsewhere.status(), 403);
        assert!(elsewhere.headers().get("set-cookie").is_none());
        let preflight = client
            .request(reqwest::Method::OPTIONS, r.url("/v1/portals/demo/choice"))
            .header("origin", ORIGIN)
            .header("access-control-request-method", "POST")
            .send()
            .await
            .unwrap();
        assert_eq!(preflight.status(), 204);
        assert_eq!(
            preflight.headers()["access-control-allow-credentials"],
            "true"
        );
        r.stop().await;

        // The portal's own name, domain and lifetime, as its banner is configured.
        let text = std::fs::read_to_string(&r.config_path).unwrap().replacen(
            "id = \"demo\"\norigins = [\"https://data.example.fr\"]\n",
            "id = \"demo\"\norigins = [\"https://data.example.fr\", \"http://localhost:8080\"]\n\
             cookie_name = \"ods_consent\"\ncookie_domain = \"example.fr\"\nconsent_days = 30\n",
            1,
        );
        std::fs::write(&r.config_path, text).unwrap();
        r.start().await;
        let value = value_for(&r, 0, today(), false);
        let response = post(&r, &client, "choice", ORIGIN, &value).await;
        assert_eq!(
            response.headers()["set-cookie"],
            format!(
                "ods_consent={value}; Path=/; Max-Age={}; SameSite=Lax; Secure; Domain=example.fr",
                30 * 86_400
            )
        );
        // A development page over http gets the cookie as the banner writes it there: without
        // Secure, which a browser would refuse over http.
        let response = post(&r, &client, "choice", "http://localhost:8080", &value).await;
        assert_eq!(
            response.headers()["set-cookie"],
            format!(
                "ods_consent={value}; Path=/; Max-Age={}; SameSite=Lax; Domain=example.fr",
                30 * 86_400
            )
        );
        // A choice older than this portal's lifetime is refused.
        let old = value_for(&r, 0, today() - 31 * 86_400, false);
        assert_eq!(
            post(&r, &client, "choice", ORIGIN, &old).await.status(),
            422
        );
        r.stop().await;
    }
}

#[tokio::test]
async fn a_cookie_setting_the_banner_would_refuse_is_a_configuration_error() {
    let r = Register::new(Engine::Sqlite, "").await;
    let original = std::fs::read_to_string(&r.config_path).unwrap();
    for (setting, expected) in [
        ("cookie_name = \"__Host-consent\"", "cookie_name"),
        ("cookie_name = \"a b\"", "cookie_name"),
        ("cookie_domain = \"example.fr; Secure\"", "cookie_domain"),
        ("consent_days = 0", "consent_days"),
        ("consent_days = 396", "consent_days"),
    ] {
        let text = original.replacen("id = \"demo\"\n", &format!("id = \"demo\"\n{setting}\n"), 1);
        std::fs::write(&r.config_path, text).unwrap();
        let error = Config::load(&r.config_path).unwrap_err();
        assert!(error.contains(expected), "{setting}: {error}");
    }
}
