//! "Across sites": several workshops compared aspect by aspect. The compare JSON carries each
//! workshop's `summary.csv` numbers, `comparison.csv` groups aspects by text (and by hand),
//! `export-all.zip?ids=` bundles exactly the chosen workshops; all only with the admin key,
//! and bad choices are refused with a JSON error that names them.

use app::api::{ApiError, Comparison, CreatedWorkshop};
use uuid::Uuid;

use crate::common::{TestServer, new_workshop, place};
use crate::research_exports::unzip;

const BOM: &str = "\u{feff}";

/// The workshop at `site`, placing, with these aspects.
async fn workshop_at(server: &TestServer, title: &str, site: &str, aspects: &[&str]) -> CreatedWorkshop {
    let mut body = new_workshop(aspects);
    (body.title, body.site) = (title.into(), site.into());
    let response = reqwest::Client::new().post(server.url("/api/workshops")).json(&body).send().await.unwrap();
    assert_eq!(response.status(), 201);
    let created: CreatedWorkshop = response.json().await.unwrap();
    server.start_placing(&created).await;
    created
}

/// A pair joins and places aspect number `i` at `position` for each `(i, position)`.
async fn pair_places(server: &TestServer, created: &CreatedWorkshop, label: &str, places: &[(usize, f64)]) {
    let pair = server.join(&created.join_code, label).await;
    let (mut tablet, view) = server.pair(&pair).await;
    for &(i, position) in places {
        tablet.acked(&place(view.cards[i].id, position)).await;
    }
    tablet.close().await;
}

async fn get(server: &TestServer, path: &str, key: &str) -> reqwest::Response {
    reqwest::Client::new().get(server.url(path)).bearer_auth(key).send().await.unwrap()
}

async fn text_of(server: &TestServer, path: &str, key: &str) -> String {
    let response = get(server, path, key).await;
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

/// The CSV's rows (header first) after the byte-order mark.
fn rows_of(text: &str) -> Vec<Vec<String>> {
    let body = text.strip_prefix(BOM).expect("a byte-order mark");
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(body.as_bytes());
    reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
}

async fn refused(server: &TestServer, path: &str, key: &str, status: u16) -> ApiError {
    let response = get(server, path, key).await;
    assert_eq!(response.status(), status, "{path}");
    response.json().await.unwrap_or_else(|e| panic!("{path}: a JSON ApiError ({e})"))
}

#[tokio::test]
async fn workshops_compare_with_summary_numbers_and_matched_aspects() {
    let server = TestServer::start().await;
    let north = workshop_at(
        &server,
        "North meeting",
        "North",
        &["Holding patients", "Where people are seen", "Record keeping"],
    )
    .await;
    let south = workshop_at(
        &server,
        "=South meeting",
        "South",
        &["  holding   PATIENTS. ", "Where people are seen", "Keeping records"],
    )
    .await;
    pair_places(&server, &north, "Pair A", &[(0, 20.0), (2, 70.0)]).await;
    pair_places(&server, &north, "Pair B", &[(0, 40.0), (1, 10.0)]).await;
    pair_places(&server, &south, "Pâr ŵ", &[(0, 60.0), (2, 80.5)]).await;
    let key = server.admin_key();
    let (n, s) = (north.workshop_id, south.workshop_id);

    // The JSON: workshops in the order asked for, duplicates collapsed.
    let response = get(&server, &format!("/api/research/compare?ids={s},{n},{s}"), &key).await;
    assert_eq!(response.status(), 200);
    let comparison: Comparison = response.json().await.unwrap();
    let order: Vec<(Uuid, &str, &str)> =
        comparison.workshops.iter().map(|w| (w.id, w.site.as_str(), w.title.as_str())).collect();
    assert_eq!(order, [(s, "South", "=South meeting"), (n, "North", "North meeting")]);
    let date = comparison.workshops[0].date.clone();
    assert_eq!(date.len(), 10);
    assert_eq!(
        (comparison.workshops[1].left_pole.as_str(), comparison.workshops[1].right_pole.as_str()),
        ("Fixed", "Flexible")
    );
    assert!(comparison.workshops.iter().all(|w| w.rounds == 1 && w.aspects.len() == 3));
    assert!(comparison.workshops.iter().flat_map(|w| &w.aspects).all(|a| a.author == "facilitator"));
    assert_eq!(comparison.workshops[0].aspects[0].text, "holding PATIENTS.", "stored trimmed, runs of spaces one");
    let holding = &comparison.workshops[1].aspects[0];
    assert_eq!(holding.text, "Holding patients");
    let r = &holding.rounds[0];
    // Type 7 on [20, 40]: median 30, q1 = 20 + 0.25 × 20 = 25, q3 = 35.
    assert_eq!(
        (r.round, r.n_placed, r.n_cant_place, r.median, r.q1, r.q3),
        (1, 2, 0, Some(30.0), Some(25.0), Some(35.0))
    );

    // Every number equals the workshop's own summary.csv row.
    for workshop in &comparison.workshops {
        let zip = get(&server, &format!("/api/research/workshops/{}/export.zip", workshop.id), &key).await;
        let files = unzip(&zip.bytes().await.unwrap());
        let summary = &files.iter().find(|(name, _)| name == "summary.csv").unwrap().1;
        let rows = rows_of(std::str::from_utf8(summary).unwrap());
        assert_eq!(
            rows[0][..9],
            ["workshop_id", "round", "aspect_id", "aspect_text", "n_placed", "n_cant_place", "median", "q1", "q3"]
        );
        let field = |x: Option<f64>| x.map(|x| x.to_string()).unwrap_or_default();
        let ours: Vec<Vec<String>> = workshop
            .aspects
            .iter()
            .flat_map(|a| {
                a.rounds.iter().map(move |r| {
                    vec![
                        workshop.id.to_string(),
                        r.round.to_string(),
                        a.id.to_string(),
                        a.text.clone(),
                        r.n_placed.to_string(),
                        r.n_cant_place.to_string(),
                        field(r.median),
                        field(r.q1),
                        field(r.q3),
                    ]
                })
            })
            .collect();
        let theirs: Vec<Vec<String>> = rows[1..].iter().map(|r| r[..9].to_vec()).collect();
        assert_eq!(ours, theirs, "{}", workshop.site);
    }

    // comparison.csv, exactly: groups by normalised text, first met in the order chosen.
    let ids = |w: usize, a: usize| comparison.workshops[w].aspects[a].id;
    let (sn, nn) = ("'=South meeting", "North meeting");
    let expected = |record_group: &str| {
        let mut text = String::from(BOM);
        text += "aspect_group,aspect_group_text,match,workshop_id,title,site,date,round,aspect_id,aspect_text,n_placed,n_cant_place,median,q1,q3\n";
        text +=
            &format!("1,Holding patients,text,{n},{nn},North,{date},1,{},Holding patients,2,0,30,25,35\n", ids(1, 0));
        text +=
            &format!("1,Holding patients,text,{s},{sn},South,{date},1,{},holding PATIENTS.,1,0,60,60,60\n", ids(0, 0));
        text += &format!(
            "2,Where people are seen,text,{n},{nn},North,{date},1,{},Where people are seen,1,0,10,10,10\n",
            ids(1, 1)
        );
        text += &format!(
            "2,Where people are seen,text,{s},{sn},South,{date},1,{},Where people are seen,0,0,,,\n",
            ids(0, 1)
        );
        text += &record_group.replace("{date}", &date);
        text
    };
    let plain = text_of(&server, &format!("/api/research/compare.csv?ids={n},{s}"), &key).await;
    // The last two rows: North's "Record keeping" and South's "Keeping records".
    let records = |kind: &str, south: &str| {
        format!(
            "3,Record keeping,{kind},{n},{nn},North,{{date}},1,{},Record keeping,1,0,70,70,70\n\
             {south},{kind},{s},{sn},South,{{date}},1,{},Keeping records,1,0,80.5,80.5,80.5\n",
            ids(1, 2),
            ids(0, 2)
        )
    };
    let unmatched = records("text", "4,Keeping records");
    assert_eq!(plain, expected(&unmatched));
    // An empty links= is the same as none.
    assert_eq!(text_of(&server, &format!("/api/research/compare.csv?ids={n},{s}&links="), &key).await, plain);

    // Matched by hand (either direction): one group, "manual", labelled by the first met text.
    let link = format!("{}~{}", ids(0, 2), ids(1, 2));
    let linked = text_of(&server, &format!("/api/research/compare.csv?ids={n},{s}&links={link}"), &key).await;
    let matched = records("manual", "3,Record keeping");
    assert_eq!(linked, expected(&matched));
    let response = get(&server, &format!("/api/research/compare.csv?ids={n},{s}&links={link}"), &key).await;
    assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(response.headers()["content-disposition"].to_str().unwrap().contains("comparison.csv"));
    let bad = refused(&server, &format!("/api/research/compare.csv?ids={n}&links={}~oops", ids(0, 2)), &key, 400).await;
    assert_eq!(bad.field.as_deref(), Some("links"));
    assert!(bad.error.contains("~oops"), "{}", bad.error);

    // export-all.zip?ids=: exactly those workshops, in the order given, with a site column.
    let files =
        unzip(&get(&server, &format!("/api/research/export-all.zip?ids={s},{n}"), &key).await.bytes().await.unwrap());
    let mut folders: Vec<&str> = Vec::new();
    for (name, _) in &files {
        if let Some((folder, _)) = name.split_once('/')
            && !folders.contains(&folder)
        {
            folders.push(folder);
        }
    }
    assert_eq!(folders.len(), 2, "{folders:?}");
    assert!(folders[0].ends_with(&s.to_string()) && folders[1].ends_with(&n.to_string()), "{folders:?}");
    let combined =
        |name: &str| rows_of(std::str::from_utf8(&files.iter().find(|(f, _)| f == name).unwrap().1).unwrap());
    let summary = combined("summary.csv");
    assert_eq!(summary[0][..2], ["workshop_id", "site"]);
    let sites: Vec<(&str, &str)> = summary[1..].iter().map(|r| (r[0].as_str(), r[1].as_str())).collect();
    let (s_text, n_text) = (s.to_string(), n.to_string());
    assert_eq!(
        sites,
        [(s_text.as_str(), "South"); 3].into_iter().chain([(n_text.as_str(), "North"); 3]).collect::<Vec<_>>()
    );
    let placements = combined("placements.csv");
    assert_eq!(placements[0][2], "site");
    assert_eq!(placements.len(), 1 + 3 + 2 * 3, "one pair in South, two in North, three aspects each");
    assert!(placements[1..4].iter().all(|r| r[2] == "South") && placements[4..].iter().all(|r| r[2] == "North"));
    let only_north =
        unzip(&get(&server, &format!("/api/research/export-all.zip?ids={n}"), &key).await.bytes().await.unwrap());
    assert_eq!(only_north.len(), 5 + 15);
    assert!(only_north[5].0.contains(&n.to_string()));
    // With a site filter as well, only the chosen workshops of that site.
    let narrowed = unzip(
        &get(&server, &format!("/api/research/export-all.zip?ids={s},{n}&site=North"), &key)
            .await
            .bytes()
            .await
            .unwrap(),
    );
    assert_eq!(narrowed.len(), 5 + 15);
}

#[tokio::test]
async fn comparing_needs_the_admin_key_and_sound_ids() {
    let server = TestServer::start().await;
    let created = workshop_at(&server, "Only", "Site 1", &["Holding patients"]).await;
    let pair = server.join(&created.join_code, "Pair A").await;
    let key = server.admin_key();
    let id = created.workshop_id;

    for path in [
        format!("/api/research/compare?ids={id}"),
        format!("/api/research/compare.csv?ids={id}"),
        format!("/api/research/export-all.zip?ids={id}"),
    ] {
        assert_eq!(reqwest::get(server.url(&path)).await.unwrap().status(), 401, "{path} without a key");
        for not_admin in [&created.facilitator_secret, &pair.token] {
            let error = refused(&server, &path, not_admin, 401).await;
            assert!(error.error.contains("admin key"), "{}", error.error);
        }
    }

    for base in ["/api/research/compare", "/api/research/compare.csv", "/api/research/export-all.zip"] {
        let none = if base.ends_with(".zip") { None } else { Some(refused(&server, base, &key, 400).await) };
        if let Some(none) = none {
            assert!(none.error.contains("at least one"), "{}", none.error);
        }
        let malformed = refused(&server, &format!("{base}?ids={id},not-an-id"), &key, 400).await;
        assert!(malformed.error.contains("\"not-an-id\""), "{}", malformed.error);
        assert_eq!(malformed.field.as_deref(), Some("ids"));
        let many: Vec<String> = (1..=21).map(|i| Uuid::from_u128(i).to_string()).collect();
        let too_many = refused(&server, &format!("{base}?ids={}", many.join(",")), &key, 400).await;
        assert!(too_many.error.contains("At most 20"), "{}", too_many.error);
        let unknown = Uuid::from_u128(7);
        let missing = refused(&server, &format!("{base}?ids={id},{unknown}"), &key, 404).await;
        assert!(missing.error.contains(&unknown.to_string()), "{}", missing.error);
    }
    assert_eq!(refused(&server, "/api/research/compare?ids=", &key, 400).await.field.as_deref(), Some("ids"));

    // Twenty distinct ids written twice each are fine as far as the count goes (the first
    // unknown one is what is refused).
    let twenty: Vec<String> = (1..=20).map(|i| Uuid::from_u128(i).to_string()).collect();
    let doubled = [twenty.clone(), twenty].concat().join(",");
    let error = refused(&server, &format!("/api/research/compare?ids={doubled}"), &key, 404).await;
    assert!(error.error.contains(&Uuid::from_u128(1).to_string()), "{}", error.error);

    // Nothing was changed: the workshop is still there, unchanged.
    let comparison: Comparison =
        get(&server, &format!("/api/research/compare?ids={id}"), &key).await.json().await.unwrap();
    assert_eq!(comparison.workshops.len(), 1);
    assert_eq!(comparison.workshops[0].aspects[0].rounds[0].n_placed, 0);
    assert_eq!(comparison.workshops[0].aspects[0].rounds[0].median, None);
}
