//! The DPO's dashboard: one page a portal and period, served by the register behind its admin
//! credential, readable without JavaScript. Decisions per day (accept all, refuse all, custom)
//! beside the banners shown without a decision, per charter revision, and the acceptance rate of
//! each optional category and service (required ones left out: they are not a choice). Charts
//! are SVG drawn here, each followed by a table of the same numbers; a change of revision is
//! marked on the time line.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use futures::StreamExt;

use crate::clock::{parse_day, rfc3339};
use crate::config::Portal;
use crate::store::{Filter, Store};

/// A dashboard's period: whole UTC days, `from` to `to` inclusive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Period {
    /// First day, `YYYY-MM-DD`.
    pub from: String,
    /// Last day, `YYYY-MM-DD`.
    pub to: String,
}

impl Period {
    /// The 30 days up to `now`'s day.
    pub fn last_30_days(now: i64) -> Period {
        Period {
            from: day(now - 29 * 86_400),
            to: day(now),
        }
    }

    fn start(&self) -> i64 {
        parse_day(&self.from).unwrap_or(0)
    }

    fn end(&self) -> i64 {
        parse_day(&self.to).unwrap_or(0) + 86_400
    }

    /// Each day of the period, at most a year of them.
    fn days(&self) -> Vec<String> {
        let mut days = Vec::new();
        let mut t = self.start();
        while t < self.end() && days.len() < 366 {
            days.push(day(t));
            t += 86_400;
        }
        days
    }
}

fn day(secs: i64) -> String {
    rfc3339(secs)[..10].to_owned()
}

/// Text for HTML: `&`, `<`, `>`, quotes escaped.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One day's counts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Banners shown.
    pub shown: u64,
    /// "Tout accepter".
    pub accept: u64,
    /// "Tout refuser" (or closed).
    pub refuse: u64,
    /// Some accepted, some refused.
    pub custom: u64,
}

impl Counts {
    /// Decisions of any kind.
    pub fn decided(&self) -> u64 {
        self.accept + self.refuse + self.custom
    }

    /// Banners shown without a decision (never below zero: a decision may come on another day
    /// or page than its banner).
    pub fn undecided(&self) -> u64 {
        self.shown.saturating_sub(self.decided())
    }

    fn add(&mut self, kind: &str, count: u64) {
        match kind {
            "accept-all" => self.accept += count,
            "refuse-all" => self.refuse += count,
            "custom" => self.custom += count,
            _ => self.shown += count,
        }
    }
}

/// What the dashboard shows of one portal over a period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// The period's totals.
    pub total: Counts,
    /// Each day's counts, in order.
    pub days: Vec<(String, Counts)>,
    /// Each revision's counts.
    pub revisions: BTreeMap<String, Counts>,
    /// Each optional category or service: (accepted, decided), by id.
    pub rates: BTreeMap<String, (u64, u64)>,
}

/// Counts `portal`'s decisions and banners shown over `period`.
pub async fn summary(
    store: &dyn Store,
    portal: &Portal,
    period: &Period,
) -> Result<Summary, String> {
    let mut by_day: BTreeMap<String, Counts> = period
        .days()
        .into_iter()
        .map(|d| (d, Counts::default()))
        .collect();
    let mut summary = Summary::default();
    let impressions = store
        .impressions(&portal.id, &period.from, &period.to)
        .await?;
    let decisions = store
        .decisions(&portal.id, period.start(), period.end())
        .await?;
    for c in impressions
        .iter()
        .map(|c| (c, "shown"))
        .chain(decisions.iter().map(|c| (c, c.kind.as_str())))
    {
        let (count, kind) = c;
        by_day
            .entry(count.day.clone())
            .or_default()
            .add(kind, count.count);
        summary
            .revisions
            .entry(count.revision.clone())
            .or_default()
            .add(kind, count.count);
        summary.total.add(kind, count.count);
    }
    summary.days = by_day.into_iter().collect();
    // Acceptance, from each receipt's choices: the optional categories and services only.
    let required: Vec<&str> = portal
        .revisions
        .iter()
        .flat_map(|r| {
            r.categories
                .iter()
                .filter(|c| c.required)
                .map(|c| c.id.as_str())
        })
        .collect();
    let filter = Filter {
        portal: Some(portal.id.clone()),
        revision: None,
        from: Some(period.start()),
        to: Some(period.end()),
    };
    let mut rows = store.export(filter);
    while let Some(row) = rows.next().await {
        let (record, _) = row?;
        for (id, on) in &record.choices {
            if required.contains(&id.as_str()) {
                continue;
            }
            let rate = summary.rates.entry(id.clone()).or_default();
            rate.0 += u64::from(*on);
            rate.1 += 1;
        }
    }
    Ok(summary)
}

/// A percentage of `part` in `whole`, or a dash.
fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        "–".into()
    } else {
        format!("{:.1} %", part as f64 * 100.0 / whole as f64).replace('.', ",")
    }
}

/// A series of the daily chart: its label, its colour, its count on a day.
type Series = (&'static str, &'static str, fn(&Counts) -> u64);

/// The series of the daily chart, bottom to top.
const SERIES: [Series; 4] = [
    ("Tout accepter", "#000091", |c| c.accept),
    ("Personnalisé", "#6a6af4", |c| c.custom),
    ("Tout refuser", "#c9191e", |c| c.refuse),
    ("Bannière vue, sans décision", "#666666", |c| {
        c.undecided()
    }),
];

/// The page for `portal` (of the `portals` served) over `period`.
pub fn page(portals: &[Portal], portal: &Portal, period: &Period, s: &Summary) -> String {
    let mut html = String::new();
    let _ = write!(
        html,
        r#"<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Registre des consentements — {portal}</title>
<style>
body {{ font-family: system-ui, sans-serif; color: #161616; margin: 0 auto; max-width: 70rem; padding: 1rem; line-height: 1.5; }}
table {{ border-collapse: collapse; margin: 0.5rem 0 1.5rem; }}
caption {{ text-align: left; font-weight: 600; padding-bottom: 0.25rem; }}
th, td {{ border: 1px solid #929292; padding: 0.25rem 0.5rem; text-align: right; }}
th[scope=row], thead th {{ text-align: left; }}
:focus-visible {{ outline: 3px solid #0a76f6; outline-offset: 2px; }}
.legend span {{ display: inline-block; width: 1rem; height: 1rem; vertical-align: middle; margin: 0 0.25rem 0 1rem; }}
svg {{ max-width: 100%; height: auto; }}
form {{ display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; }}
label {{ display: flex; flex-direction: column; font-weight: 600; }}
input, select, button {{ font: inherit; padding: 0.25rem; }}
button {{ background: #000091; color: #fff; border: 0; padding: 0.4rem 1rem; }}
</style>
</head>
<body>
<header>
<h1>Registre des consentements : {portal}</h1>
<p>Du {from} au {to} (jours UTC). Les cookies nécessaires, toujours actifs, ne sont pas un choix : ils sont exclus des taux.</p>
</header>
<main>
<form method="get" action="/dashboard">
<label for="portal">Portail <select id="portal" name="portal">"#,
        portal = esc(&portal.id),
        from = esc(&period.from),
        to = esc(&period.to),
    );
    for p in portals {
        let selected = if p.id == portal.id { " selected" } else { "" };
        let _ = write!(
            html,
            r#"<option value="{id}"{selected}>{id}</option>"#,
            id = esc(&p.id)
        );
    }
    let _ = write!(
        html,
        r#"</select></label>
<label for="from">Du <input id="from" name="from" type="date" value="{from}"></label>
<label for="to">Au <input id="to" name="to" type="date" value="{to}"></label>
<button type="submit">Afficher</button>
</form>
"#,
        from = esc(&period.from),
        to = esc(&period.to)
    );
    // Totals.
    let t = &s.total;
    let _ = write!(
        html,
        r#"<h2>En résumé</h2>
<table>
<caption>Bannières et décisions sur la période</caption>
<thead><tr><th scope="col">Mesure</th><th scope="col">Nombre</th><th scope="col">Part des bannières vues</th></tr></thead>
<tbody>
<tr><th scope="row">Bannières vues</th><td>{shown}</td><td></td></tr>
<tr><th scope="row">Décisions</th><td>{decided}</td><td>{pd}</td></tr>
<tr><th scope="row">Tout accepter</th><td>{accept}</td><td>{pa}</td></tr>
<tr><th scope="row">Tout refuser</th><td>{refuse}</td><td>{pr}</td></tr>
<tr><th scope="row">Personnalisé</th><td>{custom}</td><td>{pc}</td></tr>
<tr><th scope="row">Sans décision</th><td>{undecided}</td><td>{pu}</td></tr>
</tbody>
</table>
"#,
        shown = t.shown,
        decided = t.decided(),
        pd = percent(t.decided(), t.shown),
        accept = t.accept,
        pa = percent(t.accept, t.shown),
        refuse = t.refuse,
        pr = percent(t.refuse, t.shown),
        custom = t.custom,
        pc = percent(t.custom, t.shown),
        undecided = t.undecided(),
        pu = percent(t.undecided(), t.shown),
    );
    daily_chart(&mut html, portal, s);
    // Per revision.
    html.push_str(
        r#"<h2>Par révision de la charte</h2>
<table>
<caption>Décisions par révision (une révision change quand la charte ajoute une catégorie ou un cookie)</caption>
<thead><tr><th scope="col">Révision</th><th scope="col">En vigueur depuis</th><th scope="col">Bannières vues</th><th scope="col">Décisions</th><th scope="col">Tout accepter</th><th scope="col">Tout refuser</th><th scope="col">Personnalisé</th></tr></thead>
<tbody>
"#,
    );
    for r in &portal.revisions {
        let c = s.revisions.get(&r.revision).cloned().unwrap_or_default();
        let _ = writeln!(
            html,
            "<tr><th scope=\"row\"><code>{rev}</code></th><td>{since}</td><td>{shown}</td><td>{decided}</td><td>{a}</td><td>{r}</td><td>{c}</td></tr>",
            rev = esc(&r.revision),
            since = esc(&day(r.effective_from)),
            shown = c.shown,
            decided = c.decided(),
            a = percent(c.accept, c.decided()),
            r = percent(c.refuse, c.decided()),
            c = percent(c.custom, c.decided()),
        );
    }
    html.push_str("</tbody>\n</table>\n");
    rates_chart(&mut html, s);
    html.push_str("</main>\n</body>\n</html>\n");
    html
}

/// Decisions per day as stacked bars, the revisions' starts marked, then the same numbers as a
/// table.
fn daily_chart(html: &mut String, portal: &Portal, s: &Summary) {
    let n = s.days.len().max(1);
    let (bar, gap, height, left, top) = (14.0, 4.0, 200.0, 40.0, 10.0);
    let width = left + n as f64 * (bar + gap) + 10.0;
    let max = s
        .days
        .iter()
        .map(|(_, c)| c.decided() + c.undecided())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let _ = write!(
        html,
        r##"<h2>Décisions par jour</h2>
<svg role="img" aria-labelledby="daily-title daily-desc" viewBox="0 0 {width} {vb}" width="{width}" height="{vb}">
<title id="daily-title">Décisions par jour</title>
<desc id="daily-desc">Barres empilées par jour : tout accepter, personnalisé, tout refuser, bannière vue sans décision ; les traits pointillés marquent l'entrée en vigueur d'une révision de la charte. Les nombres sont dans le tableau qui suit.</desc>
<line x1="{left}" y1="{base}" x2="{width}" y2="{base}" stroke="#161616"/>
<text x="0" y="{topt}" font-size="10">{max}</text>
<text x="0" y="{base}" font-size="10">0</text>
"##,
        vb = height + top + 30.0,
        base = top + height,
        topt = top + 8.0,
        max = max as u64,
    );
    for (i, (d, c)) in s.days.iter().enumerate() {
        let x = left + i as f64 * (bar + gap);
        let mut y = top + height;
        for (label, colour, value) in SERIES {
            let v = value(c);
            if v == 0 {
                continue;
            }
            let h = v as f64 / max * height;
            y -= h;
            let _ = writeln!(
                html,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar}\" height=\"{h:.1}\" fill=\"{colour}\"><title>{d} : {label} {v}</title></rect>",
                d = esc(d),
            );
        }
        for r in &portal.revisions {
            if day(r.effective_from) == *d {
                let _ = writeln!(
                    html,
                    "<line x1=\"{x:.1}\" y1=\"{top}\" x2=\"{x:.1}\" y2=\"{base}\" stroke=\"#161616\" stroke-dasharray=\"4 3\"/><text x=\"{tx:.1}\" y=\"{ty}\" font-size=\"10\">révision {rev}</text>",
                    base = top + height,
                    tx = x + 2.0,
                    ty = top + 8.0,
                    rev = esc(&r.revision),
                );
            }
        }
        if i % 7 == 0 {
            let _ = writeln!(
                html,
                "<text x=\"{x:.1}\" y=\"{ty}\" font-size=\"10\">{d}</text>",
                ty = top + height + 14.0,
                d = esc(&d[5..])
            );
        }
    }
    html.push_str("</svg>\n<p class=\"legend\">");
    for (label, colour, _) in SERIES {
        let _ = write!(html, "<span style=\"background:{colour}\"></span>{label}");
    }
    html.push_str(
        r#"</p>
<table>
<caption>Décisions par jour (les nombres du graphique)</caption>
<thead><tr><th scope="col">Jour</th><th scope="col">Bannières vues</th><th scope="col">Tout accepter</th><th scope="col">Personnalisé</th><th scope="col">Tout refuser</th><th scope="col">Sans décision</th></tr></thead>
<tbody>
"#,
    );
    for (d, c) in &s.days {
        let _ = writeln!(
            html,
            "<tr><th scope=\"row\">{d}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            c.shown,
            c.accept,
            c.custom,
            c.refuse,
            c.undecided(),
            d = esc(d)
        );
    }
    html.push_str("</tbody>\n</table>\n");
}

/// Each optional category's and service's acceptance rate, as bars, then as a table.
fn rates_chart(html: &mut String, s: &Summary) {
    html.push_str("<h2>Taux d’acceptation par catégorie et service</h2>\n");
    if s.rates.is_empty() {
        html.push_str("<p>Aucune décision sur la période.</p>\n");
        return;
    }
    let row = 22.0;
    let height = s.rates.len() as f64 * row + 10.0;
    let _ = write!(
        html,
        r#"<svg role="img" aria-labelledby="rates-title rates-desc" viewBox="0 0 520 {height}" width="520" height="{height}">
<title id="rates-title">Taux d’acceptation par catégorie et service</title>
<desc id="rates-desc">Une barre par catégorie ou service facultatif : la part des décisions qui l’acceptent. Les nombres sont dans le tableau qui suit.</desc>
"#
    );
    for (i, (id, (accepted, decided))) in s.rates.iter().enumerate() {
        let y = i as f64 * row + 4.0;
        let w = if *decided == 0 {
            0.0
        } else {
            *accepted as f64 / *decided as f64 * 300.0
        };
        let _ = writeln!(
            html,
            "<text x=\"0\" y=\"{ty:.1}\" font-size=\"12\">{id}</text><rect x=\"150\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"16\" fill=\"#000091\"/><text x=\"{tx:.1}\" y=\"{ty:.1}\" font-size=\"12\">{p}</text>",
            ty = y + 12.0,
            tx = 156.0 + w,
            id = esc(id),
            p = percent(*accepted, *decided),
        );
    }
    html.push_str(
        r#"</svg>
<table>
<caption>Taux d’acceptation (catégories et services facultatifs)</caption>
<thead><tr><th scope="col">Catégorie ou service</th><th scope="col">Acceptée</th><th scope="col">Décisions</th><th scope="col">Taux</th></tr></thead>
<tbody>
"#,
    );
    for (id, (accepted, decided)) in &s.rates {
        let _ = writeln!(
            html,
            "<tr><th scope=\"row\">{id}</th><td>{accepted}</td><td>{decided}</td><td>{p}</td></tr>",
            id = esc(id),
            p = percent(*accepted, *decided)
        );
    }
    html.push_str("</tbody>\n</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undecided_banners_and_rates_never_go_below_zero_or_divide_by_it() {
        let c = Counts {
            shown: 3,
            accept: 2,
            refuse: 2,
            custom: 0,
        };
        assert_eq!(c.undecided(), 0);
        assert_eq!(percent(1, 0), "–");
        assert_eq!(percent(1, 3), "33,3 %");
        assert_eq!(
            esc("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        let p = Period {
            from: "2026-12-01".into(),
            to: "2026-12-03".into(),
        };
        assert_eq!(p.days(), ["2026-12-01", "2026-12-02", "2026-12-03"]);
    }
}
