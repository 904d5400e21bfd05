//! The same exercise at every site: a workshop saved as a template from its console, a
//! workshop at another site (on another server) made from that file with one aspect reworded
//! and one added, both exports carrying the same template ids, the second imported where the
//! first is, and the comparison matching every template aspect, the reworded one too. Bad
//! template references are refused naming the template and create nothing; the list of
//! earlier workshops is for researchers only.

use app::api::template::TEMPLATE_FIELD;
use app::api::{
    ApiError, Comparison, CreatedWorkshop, EarlierWorkshop, NewWorkshop, TemplateRef, WorkshopTemplate, urls,
};
use app::domain::Settings;
use app::domain::compare::{MatchKind, group_aspects};
use reqwest::StatusCode;
use uuid::Uuid;

use crate::common::{TestServer, new_workshop, place};
use crate::research_exports::unzip;

const ASPECTS: &[&str] = &["Holding patients", "Where people are seen", "Caseload balance"];

async fn create(server: &TestServer, body: &NewWorkshop) -> reqwest::Response {
    reqwest::Client::new().post(server.url(urls::WORKSHOPS)).json(body).send().await.unwrap()
}

/// A workshop made with `body`, in Placing, where one pair placed every aspect at 10, 20, ...
async fn session(server: &TestServer, body: &NewWorkshop) -> CreatedWorkshop {
    let response = create(server, body).await;
    assert_eq!(response.status(), 201);
    let created: CreatedWorkshop = response.json().await.unwrap();
    server.start_placing(&created).await;
    let pair = server.join(&created.join_code, "Pair A").await;
    let (mut tablet, view) = server.pair(&pair).await;
    for (card, position) in view.cards.iter().zip([10.0, 20.0, 30.0, 40.0]) {
        tablet.acked(&place(card.id, position)).await;
    }
    tablet.close().await;
    created
}

async fn get(server: &TestServer, path: &str) -> reqwest::Response {
    reqwest::Client::new().get(server.url(path)).bearer_auth(server.admin_key()).send().await.unwrap()
}

/// The console's "Save as template": the file, checked as the browser reads it.
async fn save_template(server: &TestServer, created: &CreatedWorkshop) -> (WorkshopTemplate, Vec<u8>) {
    let response = reqwest::get(server.url(&urls::facilitator_template(&created.facilitator_secret))).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    let disposition = response.headers()["content-disposition"].to_str().unwrap().to_string();
    let bytes = response.bytes().await.unwrap().to_vec();
    let template = WorkshopTemplate::parse(std::str::from_utf8(&bytes).unwrap()).expect("a template file");
    let title = template.title.to_lowercase().replace(' ', "-");
    assert_eq!(disposition, format!("attachment; filename=\"template-{title}.json\""));
    (template, bytes)
}

/// `placements.csv` of a workshop (from its zip), as (header, rows).
async fn placements(server: &TestServer, id: Uuid) -> (Vec<String>, Vec<Vec<String>>) {
    let files = unzip(&get(server, &urls::research_export(id)).await.bytes().await.unwrap());
    let bytes = &files.iter().find(|(name, _)| name == "placements.csv").unwrap().1;
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    (header, reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect())
}

/// `(aspect_text, template_id, template_aspect_id)` of each placements row.
async fn template_columns(server: &TestServer, id: Uuid) -> Vec<(String, String, String)> {
    let (header, rows) = placements(server, id).await;
    let at = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (text, template, aspect) = (at("aspect_text"), at("template_id"), at("template_aspect_id"));
    // Added at the end, as new columns are (the second language's two came after them).
    assert_eq!(
        &header[template..=aspect + 2],
        ["template_id", "template_aspect_id", "second_language", "aspect_text_second"]
    );
    rows.iter().map(|r| (r[text].clone(), r[template].clone(), r[aspect].clone())).collect()
}

#[tokio::test]
async fn a_template_carries_the_exercise_to_another_site_and_the_comparison_matches_by_it() {
    // North sets the exercise up from scratch, with settings of its own.
    let research = TestServer::start().await;
    let mut body = new_workshop(ASPECTS);
    (body.site, body.settings) =
        ("North".into(), Some(Settings { live_wall: true, min_pairs: 2, ..Settings::default() }));
    let north = session(&research, &body).await;
    let (template, bytes) = save_template(&research, &north).await;
    let texts: Vec<&str> = template.aspects.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(texts, ASPECTS, "the aspects, in order");
    assert_eq!(
        (template.title.as_str(), template.question.as_str()),
        ("Knowledge exchange meeting", "How much discretion?")
    );
    assert_eq!((template.left_pole.as_str(), template.right_pole.as_str()), ("Fixed", "Flexible"));
    assert_eq!(template.settings, Settings { live_wall: true, min_pairs: 2, ..Settings::default() });
    assert!(!String::from_utf8_lossy(&bytes).contains(&north.facilitator_secret), "no secret in the file");
    assert_eq!(save_template(&research, &north).await.1, bytes, "saving again gives the same ids");
    // North itself is now "of" the template.
    let t = template.template_id.to_string();
    let ids: Vec<String> = template.aspects.iter().map(|a| a.aspect_id.to_string()).collect();
    let expected: Vec<_> = ASPECTS.iter().zip(&ids).map(|(a, id)| (a.to_string(), t.clone(), id.clone())).collect();
    assert_eq!(template_columns(&research, north.workshop_id).await, expected);

    // Caerdydd, on its own laptop, starts from the file: reworded aspect 1 (in Welsh), added one.
    let laptop = TestServer::start().await;
    let mut reference = template.reference();
    reference.aspect_ids.push(None);
    let body = NewWorkshop {
        title: template.title.clone(),
        site: "Caerdydd".into(),
        question: template.question.clone(),
        left_pole: template.left_pole.clone(),
        right_pole: template.right_pole.clone(),
        aspects: vec!["Dal gafael ar gleifion".into(), ASPECTS[1].into(), ASPECTS[2].into(), "Home visits".into()],
        settings: Some(template.settings),
        template: Some(reference),
        delete_after: None,
        consent_sheet: None,
        second_language: None,
    };
    let caerdydd = session(&laptop, &body).await;
    let columns = template_columns(&laptop, caerdydd.workshop_id).await;
    let kept: Vec<(&str, &str)> = columns.iter().map(|(_, t, a)| (t.as_str(), a.as_str())).take(3).collect();
    assert_eq!(kept, [(t.as_str(), ids[0].as_str()), (t.as_str(), ids[1].as_str()), (t.as_str(), ids[2].as_str())]);
    assert_eq!(columns[0].0, "Dal gafael ar gleifion", "reworded, still template aspect 1");
    assert_eq!((columns[3].1.as_str(), columns[3].2.as_str()), (t.as_str(), ""), "the added aspect has none");

    // Its archive is imported on the research server and keeps every id, byte for byte.
    let archive = get(&laptop, &urls::research_export(caerdydd.workshop_id)).await.bytes().await.unwrap();
    let imported = reqwest::Client::new()
        .post(research.url("/api/research/import"))
        .bearer_auth(research.admin_key())
        .header("content-type", "application/zip")
        .body(archive.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(imported.status(), 201);
    let here = unzip(&get(&research, &urls::research_export(caerdydd.workshop_id)).await.bytes().await.unwrap());
    let there = unzip(&archive);
    for name in ["placements.csv", "event-log.json"] {
        let file = |files: &[(String, Vec<u8>)]| files.iter().find(|(n, _)| n == name).unwrap().1.clone();
        assert_eq!(file(&here), file(&there), "{name} after the import");
    }
    let record: serde_json::Value =
        serde_json::from_slice(&here.iter().find(|(n, _)| n == "event-log.json").unwrap().1).unwrap();
    assert_eq!(record["workshop"]["template_id"], t);
    assert_eq!(record["cards"][0]["template_aspect_id"], ids[0]);

    // Compared: every template aspect is one group, the reworded one too; the added one alone.
    let both = format!("{},{}", north.workshop_id, caerdydd.workshop_id);
    let comparison: Comparison = get(&research, &urls::compare(&both)).await.json().await.unwrap();
    let carried: Vec<Option<String>> =
        comparison.workshops[1].aspects.iter().map(|a| a.template_aspect_id.map(|id| id.to_string())).collect();
    assert_eq!(carried, [Some(ids[0].clone()), Some(ids[1].clone()), Some(ids[2].clone()), None]);
    let aspects: Vec<&[app::api::ComparedAspect]> = comparison.workshops.iter().map(|w| w.aspects.as_slice()).collect();
    let groups = group_aspects(&aspects, &[]);
    let summary: Vec<(&str, MatchKind, Vec<Vec<usize>>)> =
        groups.iter().map(|g| (g.label.as_str(), g.kind, g.members.clone())).collect();
    assert_eq!(
        summary,
        [
            ("Holding patients", MatchKind::Template, vec![vec![0], vec![0]]),
            ("Where people are seen", MatchKind::Template, vec![vec![1], vec![1]]),
            ("Caseload balance", MatchKind::Template, vec![vec![2], vec![2]]),
            ("Home visits", MatchKind::Text, vec![vec![], vec![3]]),
        ]
    );
    let csv = get(&research, &urls::compare_csv(&both, &[])).await.text().await.unwrap();
    let rows: Vec<Vec<&str>> = csv.lines().skip(1).map(|l| l.split(',').collect()).collect();
    let matched: Vec<(&str, &str, &str)> = rows.iter().map(|r| (r[0], r[2], r[5])).collect();
    assert_eq!(
        matched,
        [
            ("1", "template", "North"),
            ("1", "template", "Caerdydd"),
            ("2", "template", "North"),
            ("2", "template", "Caerdydd"),
            ("3", "template", "North"),
            ("3", "template", "Caerdydd"),
            ("4", "text", "Caerdydd"),
        ]
    );

    // Caerdydd's own template keeps the ids and gives the added aspect one.
    let (again, _) = save_template(&laptop, &caerdydd).await;
    assert_eq!(again.template_id, template.template_id);
    assert_eq!(again.aspects[..3].iter().map(|a| a.aspect_id.to_string()).collect::<Vec<_>>(), ids);
    assert!(!ids.contains(&again.aspects[3].aspect_id.to_string()));
}

async fn refused(response: reqwest::Response, status: StatusCode) -> ApiError {
    assert_eq!(response.status(), status);
    response.json().await.expect("a JSON ApiError")
}

#[tokio::test]
async fn a_bad_template_reference_is_refused_naming_it_and_nothing_is_created() {
    let server = TestServer::start().await;
    let template_id = Uuid::new_v4();
    let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
    let with = |aspect_ids: Vec<Option<Uuid>>| NewWorkshop {
        template: Some(TemplateRef { template_id, aspect_ids }),
        ..new_workshop(&ASPECTS[..2])
    };

    let short = refused(create(&server, &with(vec![Some(a)])).await, StatusCode::BAD_REQUEST).await;
    assert_eq!(short.field.as_deref(), Some(TEMPLATE_FIELD));
    assert!(short.error.contains("do not line up with the aspects (2 aspects, 1 ids)"), "{}", short.error);
    let twice = refused(create(&server, &with(vec![Some(a), Some(a)])).await, StatusCode::BAD_REQUEST).await;
    assert_eq!(twice.field.as_deref(), Some(TEMPLATE_FIELD));
    assert!(twice.error.contains(&format!("template aspect {a} is given to two aspects")), "{}", twice.error);
    // Malformed JSON: 422, like any body of the wrong shape, naming the field that is wrong.
    let mut body = serde_json::to_value(with(vec![Some(a), Some(b)])).unwrap();
    body["template"]["template_id"] = "not-an-id".into();
    let response = reqwest::Client::new().post(server.url(urls::WORKSHOPS)).json(&body).send().await.unwrap();
    let malformed = refused(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(malformed.error.contains("template.template_id"), "{}", malformed.error);
    body["template"] = serde_json::json!({ "template_id": template_id, "aspect_ids": "all of them" });
    let response = reqwest::Client::new().post(server.url(urls::WORKSHOPS)).json(&body).send().await.unwrap();
    assert!(refused(response, StatusCode::UNPROCESSABLE_ENTITY).await.error.contains("template.aspect_ids"));

    let listed: Vec<app::api::ResearchWorkshop> = get(&server, urls::RESEARCH_WORKSHOPS).await.json().await.unwrap();
    assert!(listed.is_empty(), "nothing was created");
    // Sound, with a blank row (its id leaves with it) and an aspect that is new: created.
    let mut fine = with(vec![Some(a), Some(b), None]);
    fine.aspects = vec![ASPECTS[0].into(), "  ".into(), "New here".into()];
    assert_eq!(create(&server, &fine).await.status(), 201);
}

#[tokio::test]
async fn earlier_workshops_are_listed_as_templates_for_researchers_only() {
    let server = TestServer::start().await;
    let mut first = new_workshop(ASPECTS);
    first.site = "North".into();
    let north = session(&server, &first).await;
    let south = session(&server, &NewWorkshop { site: "South".into(), ..new_workshop(&ASPECTS[1..]) }).await;
    let (template, _) = save_template(&server, &north).await;

    let list = server.url(urls::RESEARCH_TEMPLATES);
    let http = reqwest::Client::new();
    assert_eq!(http.get(&list).send().await.unwrap().status(), 401, "without the admin key");
    let by_secret = http.get(&list).bearer_auth(&north.facilitator_secret).send().await.unwrap();
    assert_eq!(by_secret.status(), 401, "a console secret is not the admin key");
    let one = server.url(&urls::research_template(north.workshop_id));
    assert_eq!(http.get(&one).send().await.unwrap().status(), 401);

    // Signed in (the cookie the research area sets, from this site's own page): newest first,
    // each with its template; the one saved before keeps its ids, the other gets them now.
    let cookie = format!("ds_admin={}", server.admin_key());
    let answer = http.get(&list).header("cookie", cookie).header("sec-fetch-site", "same-origin").send().await;
    let earlier: Vec<EarlierWorkshop> = answer.unwrap().json().await.unwrap();
    let sites: Vec<(&str, Uuid)> = earlier.iter().map(|e| (e.site.as_str(), e.workshop_id)).collect();
    assert_eq!(sites, [("South", south.workshop_id), ("North", north.workshop_id)]);
    assert_eq!(earlier[1].template, template);
    assert_ne!(earlier[0].template.template_id, template.template_id, "each exercise its own template");
    assert_eq!(earlier[0].template.aspects.len(), 2);
    let columns = template_columns(&server, south.workshop_id).await;
    assert!(columns.iter().all(|(_, t, a)| *t == earlier[0].template.template_id.to_string() && !a.is_empty()));

    // The research area's download is the console's file.
    let file = get(&server, &urls::research_template(north.workshop_id)).await;
    assert_eq!(file.status(), 200);
    assert_eq!(WorkshopTemplate::parse(&file.text().await.unwrap()).unwrap(), template);
    assert_eq!(get(&server, &urls::research_template(Uuid::new_v4())).await.status(), 404);
    let wrong = reqwest::get(server.url(&urls::facilitator_template("0000"))).await.unwrap();
    assert_eq!(wrong.status(), 404);
}
