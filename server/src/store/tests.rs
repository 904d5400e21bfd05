//! Storage rules, tested on a real SQLite file, or with `DS_TEST_BACKEND=postgres` on a new
//! database of the test PostgreSQL server (`DS_TEST_POSTGRES`).

use app::domain::{Event, PairSummary, Phase};
use uuid::Uuid;

use super::database::connect;
use super::sql::{Backend, Lite, Pg, Sql, args};
use super::*;

fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = match sql::test_backend() {
        Backend::Sqlite => Store::open(&dir.path().join("a").join("b").join("db.sqlite3")).unwrap(),
        Backend::Postgres => Store::open_postgres(&sql::test_postgres_database()).unwrap(),
    };
    (dir, store)
}

/// Another connection to the store's database, as the writer has.
fn second_connection(store: &Store) -> Box<dyn Sql> {
    match store.location() {
        Location::File(path) => Box::new(Lite(connect(path).unwrap())),
        Location::Postgres(url) => Box::new(Pg::connect(url).unwrap()),
    }
}

fn record(aspects: &[&str]) -> NewWorkshopRecord {
    NewWorkshopRecord {
        title: "T".into(),
        site: "S".into(),
        question: "Q".into(),
        left_pole: "L".into(),
        right_pole: "R".into(),
        aspects: aspects.iter().map(|a| a.to_string()).collect(),
    }
}

fn workshop_with_pair(store: &Store) -> (Uuid, Uuid, PairSummary) {
    let info = store.create_workshop(&record(&["A", "B"]), "hash", 1_000).unwrap();
    let (_, pair) = store.join_pair(info.id, "Pair 1", "token-hash", 2_000).unwrap();
    let card = store.load_room(info.id).unwrap().unwrap().view.cards[0].id;
    (info.id, card, pair)
}

#[test]
fn opening_creates_the_schema_with_the_settings_of_its_backend() {
    let (dir, store) = open();
    let one = |sql: &str| store.read(|db| db.row(sql, args![])).unwrap().unwrap();
    match store.backend() {
        Backend::Sqlite => {
            assert!(dir.path().join("a").join("b").join("db.sqlite3").exists(), "folders created");
            assert_eq!(one("PRAGMA journal_mode").text("journal_mode").unwrap(), "wal");
            assert_eq!(one("PRAGMA foreign_keys").int("foreign_keys").unwrap(), 1);
            assert_eq!(one("PRAGMA user_version").int("user_version").unwrap(), SCHEMA_VERSION);
        }
        Backend::Postgres => {
            assert_eq!(one("SELECT version FROM ds_schema").int("version").unwrap(), SCHEMA_VERSION);
            assert_eq!(
                one("SHOW synchronous_commit").text("synchronous_commit").unwrap(),
                "on",
                "an acknowledged change is durable"
            );
            // Opening again (a second instance) finds the schema current and changes nothing.
            let again = Store::open_postgres(match store.location() {
                Location::Postgres(url) => url,
                Location::File(_) => unreachable!(),
            })
            .unwrap();
            assert_eq!(again.read(|db| db.rows("SELECT version FROM ds_schema", args![])).unwrap().len(), 1);
        }
    }
}

#[test]
fn a_new_workshop_loads_back_with_its_cards_in_order() {
    let (_dir, store) = open();
    let info = store.create_workshop(&record(&["First", "Second ŵ", "Third"]), "h", 5).unwrap();
    assert!(app::domain::code::normalize_code(&info.join_code).is_some());
    let room = store.load_room(info.id).unwrap().unwrap();
    let texts: Vec<&str> = room.view.cards.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["First", "Second ŵ", "Third"]);
    assert_eq!(room.view.seq, 1);
    assert_eq!(room.view.workshop, info);
    assert_eq!(store.workshop_by_code(&info.join_code).unwrap(), Some(info.clone()));
    assert_eq!(store.workshop_by_secret_hash("h").unwrap(), Some(info));
    assert!(store.load_room(Uuid::new_v4()).unwrap().is_none());
}

#[test]
fn labels_are_unique_per_workshop_ignoring_case_beyond_ascii() {
    let (_dir, store) = open();
    let (id, _, _) = workshop_with_pair(&store);
    store.join_pair(id, "Siân", "t2", 3).unwrap();
    assert!(matches!(store.join_pair(id, "SIÂN", "t3", 4), Err(StoreError::DuplicateLabel(_))));
    assert!(matches!(store.join_pair(id, "pair 1", "t4", 4), Err(StoreError::DuplicateLabel(_))));
    assert!(matches!(store.join_pair(Uuid::new_v4(), "x", "t5", 4), Err(StoreError::UnknownWorkshop)));
    let room = store.load_room(id).unwrap().unwrap();
    assert_eq!(room.view.pairs.len(), 2);
    assert_eq!(room.pairs_by_token_hash["t2"].label, "Siân");
}

fn placed(pair: &PairSummary, card: Uuid, position: f64, change_id: Uuid) -> NewEvent {
    NewEvent {
        actor: Actor::Pair(pair.clone()),
        action: "placed",
        change_id,
        card_id: Some(card),
        pair_id: Some(pair.id),
        before: None,
        after: Some(serde_json::json!({ "position": position })),
        event: Event::Placed { pair_id: pair.id, card_id: card, round: 1, position: Some(position), at: 10 },
    }
}

fn phase(phase: Phase) -> NewEvent {
    NewEvent {
        actor: Actor::Facilitator,
        action: "phase_changed",
        change_id: Uuid::new_v4(),
        card_id: None,
        pair_id: None,
        before: None,
        after: None,
        event: Event::PhaseChanged { phase, at: 5 },
    }
}

/// Another store on the same database: another instance (on SQLite, a second process on the
/// same file).
fn second_store(store: &Store) -> Store {
    Store::open_at(store.location()).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_is_decided_after_what_another_instance_committed_first() {
    use std::sync::Arc;
    use tokio::task::block_in_place as blocking;
    let (_dir, here) = blocking(open);
    let (id, card, pair) = blocking(|| workshop_with_pair(&here));
    blocking(|| here.append(id, &phase(Phase::Placing), 4)).unwrap();
    let there = blocking(|| second_store(&here));
    // The room here has this view; there, the pair places, then the phase closes.
    let view = Arc::new(blocking(|| here.load_room(id)).unwrap().unwrap().view);
    let placed_there = blocking(|| there.append(id, &placed(&pair, card, 30.0, Uuid::new_v4()), 6)).unwrap();
    let closed_there = blocking(|| there.append(id, &phase(Phase::Closed), 7)).unwrap();
    assert_eq!(
        (placed_there, closed_there),
        (ChangeOutcome::Committed { seq: view.seq + 1 }, ChangeOutcome::Committed { seq: view.seq + 2 })
    );
    // A change decided here sees both first: the phase it is decided in is Closed.
    let seen = Arc::new(std::sync::Mutex::new(None));
    let decided = {
        let seen = Arc::clone(&seen);
        here.decide_and_append_async(id, Arc::clone(&view), (Actor::Facilitator, Uuid::new_v4()), 8, move |v, at| {
            *seen.lock().unwrap() = Some((v.seq, v.phase));
            Ok::<_, ()>(Event::PhaseChanged { phase: Phase::Reveal, at })
        })
        .await
        .unwrap()
    };
    assert_eq!(*seen.lock().unwrap(), Some((view.seq + 2, Phase::Closed)), "decided on the caught-up view");
    let missed_seqs: Vec<u64> = decided.missed.iter().map(|(seq, _)| *seq).collect();
    assert_eq!(missed_seqs, [view.seq + 1, view.seq + 2], "what the room missed, in order");
    assert!(matches!(decided.decision, Decision::Committed { seq, .. } if seq == view.seq + 3));
    // Its row records the state it was decided on (before: closed), not the room's stale one.
    let log = blocking(|| here.event_log(id)).unwrap();
    assert_eq!(log.last().unwrap().before, Some(serde_json::json!({ "phase": Phase::Closed.name() })));
    // A refusal there writes nothing and still hands over what was missed.
    let refused = here
        .decide_and_append_async(id, view, (Actor::Facilitator, Uuid::new_v4()), 9, |_, _| Err::<Event, _>("no"))
        .await
        .unwrap();
    assert_eq!((refused.missed.len(), refused.decision), (3, Decision::Refused("no")));
    assert_eq!(blocking(|| here.event_log(id)).unwrap().len(), log.len());
}

#[test]
fn a_change_id_is_applied_once() {
    let (_dir, store) = open();
    let (id, card, pair) = workshop_with_pair(&store);
    let change_id = Uuid::new_v4();
    let first = store.append(id, &placed(&pair, card, 12.5, change_id), 10).unwrap();
    assert_eq!(first, ChangeOutcome::Committed { seq: 3 });
    let again = store.append(id, &placed(&pair, card, 50.0, change_id), 11);
    assert_eq!(again.unwrap(), ChangeOutcome::AlreadyCommitted { seq: 3 });
    let stranger = PairSummary { id: Uuid::new_v4(), label: "X".into(), joined_at: 0, last_active: 0, reference: None };
    let theirs = placed(&stranger, card, 1.0, change_id);
    assert!(matches!(store.append(id, &theirs, 12), Err(StoreError::ChangeIdReused)));
    let mut by_facilitator = phase(Phase::Placing);
    by_facilitator.change_id = change_id;
    assert!(matches!(store.append(id, &by_facilitator, 12), Err(StoreError::ChangeIdReused)));
    assert_eq!(store.event_log(id).unwrap().len(), 3);
    assert!(matches!(store.append(Uuid::new_v4(), &phase(Phase::Placing), 1), Err(StoreError::UnknownWorkshop)));
}

#[test]
fn the_room_is_the_workshop_with_its_event_log_replayed() {
    let (_dir, store) = open();
    let (id, card, pair) = workshop_with_pair(&store);
    store.append(id, &phase(Phase::Placing), 5).unwrap();
    store.append(id, &placed(&pair, card, 30.0, Uuid::new_v4()), 6).unwrap();
    store.append(id, &placed(&pair, card, 40.0, Uuid::new_v4()), 7).unwrap();
    let view = store.load_room(id).unwrap().unwrap().view;
    assert_eq!((view.phase, view.seq), (Phase::Placing, 5));
    let p = view.placement(pair.id, card).unwrap();
    assert_eq!((p.position, p.moves), (40.0, 1));
}

#[test]
fn removing_a_pair_deletes_its_rows_and_its_token() {
    let (_dir, store) = open();
    let (id, card, pair) = workshop_with_pair(&store);
    store.append(id, &phase(Phase::Placing), 5).unwrap();
    store.append(id, &placed(&pair, card, 30.0, Uuid::new_v4()), 6).unwrap();
    let removal = NewEvent {
        actor: Actor::Facilitator,
        action: "pair_removed",
        change_id: Uuid::new_v4(),
        card_id: None,
        pair_id: Some(pair.id),
        before: Some(serde_json::json!({ "label": "Pair 1" })),
        after: None,
        event: Event::PairRemoved { pair_id: pair.id, at: 7 },
    };
    store.append(id, &removal, 7).unwrap();
    let loaded = store.load_room(id).unwrap().unwrap();
    assert!(loaded.view.pairs.is_empty() && loaded.view.placements.is_empty());
    assert!(loaded.pairs_by_token_hash.is_empty());
    let log = store.event_log(id).unwrap();
    let actions: Vec<(u64, &str)> = log.iter().map(|e| (e.seq, e.action.as_str())).collect();
    // The removal is numbered after the deleted rows: no sequence number is used twice.
    assert_eq!(actions, [(1, "workshop_created"), (3, "phase_changed"), (5, "pair_removed")]);
}

#[test]
fn catch_up_reads_payloads_between_two_sequence_numbers() {
    let (_dir, store) = open();
    let (id, card, pair) = workshop_with_pair(&store);
    for position in [1.0, 2.0, 3.0] {
        store.append(id, &placed(&pair, card, position, Uuid::new_v4()), 1).unwrap();
    }
    // seq 1 (workshop_created) has no payload; 2 is the join; 3..=5 the placements.
    let all = store.events_between(id, 0, 5).unwrap();
    assert_eq!(all.iter().map(|(s, _)| *s).collect::<Vec<_>>(), [2, 3, 4, 5]);
    let some = store.events_between(id, 3, 4).unwrap();
    assert!(matches!(&some[..], [(4, Event::Placed { position: Some(p), .. })] if *p == 2.0));
}

#[test]
fn a_workshop_from_a_template_keeps_its_ids_and_saving_fills_in_only_what_is_missing() {
    let (_dir, store) = open();
    let (template, kept) = (Uuid::new_v4(), Uuid::new_v4());
    let origin = TemplateOrigin { template_id: template, aspect_ids: vec![Some(kept), None] };
    let info = store
        .create_workshop_from(
            &record(&["Holding, reworded", "New here"]),
            Some(&origin),
            Default::default(),
            None,
            "h",
            5,
        )
        .unwrap();
    assert_eq!(info.template_id, Some(template));
    let after = store.event_log(info.id).unwrap()[0].after.clone().unwrap();
    assert_eq!(after["template_id"], template.to_string(), "the creation names its template");
    let snapshot = store.export_snapshot(info.id).unwrap().unwrap();
    assert_eq!(snapshot.workshop.template_id, Some(template));
    let ids = snapshot.template_aspect_ids();
    assert_eq!((ids.get(&snapshot.cards[0].id), ids.get(&snapshot.cards[1].id)), (Some(&kept), None));

    // Saving it as a template keeps its ids and gives the new aspect one, once.
    assert_eq!(store.assign_template_ids(vec![info.id, Uuid::new_v4()]).unwrap(), 1, "an unknown id is skipped");
    let saved = store.export_snapshot(info.id).unwrap().unwrap();
    assert_eq!(saved.workshop.template_id, Some(template));
    let ids = saved.template_aspect_ids();
    assert_eq!(ids.get(&saved.cards[0].id), Some(&kept));
    let added = *ids.get(&saved.cards[1].id).expect("the new aspect got an id");
    store.assign_template_ids(vec![info.id]).unwrap();
    assert_eq!(store.export_snapshot(info.id).unwrap().unwrap().template_aspect_ids()[&saved.cards[1].id], added);

    // A workshop from scratch gets a new template id; its stored rows carry every id to
    // another server (the archive's `event-log.json` is tested in research::archive).
    let plain = store.create_workshop(&record(&["A"]), "h2", 6).unwrap();
    assert_eq!(plain.template_id, None);
    store.assign_template_ids(vec![plain.id]).unwrap();
    let source = store.export_snapshot(plain.id).unwrap().unwrap();
    let rows = StoredWorkshop {
        workshop: source.workshop.clone(),
        cards: source.start_cards.clone(),
        pairs: source.pair_rows.clone(),
        events: source.events.clone(),
        delete_after: source.delete_after.clone(),
    };
    assert_eq!(rows.replayed(), source, "the rows replay to the snapshot they were read with");
    let (_dir2, other) = open();
    other.import_record(rows, "h3".into()).unwrap();
    let imported = other.export_snapshot(plain.id).unwrap().unwrap();
    assert_eq!(imported.workshop.template_id, source.workshop.template_id);
    assert_eq!(imported.template_aspect_ids(), source.template_aspect_ids());
}

mod group_commit {
    //! Batches built by hand and run on a second connection to the same file, as the writer
    //! thread runs them.
    use std::sync::{Arc, Mutex};

    use super::*;
    use crate::store::test_support;
    use crate::store::writer::{Job, job, run_batch};

    type Answers = Arc<Mutex<Vec<(usize, Result<ChangeOutcome, String>)>>>;

    fn placed(store: &Store, id: Uuid, card: Uuid, pair: &PairSummary, position: f64) -> NewEvent {
        let view = store.load_room(id).unwrap().unwrap().view;
        let event = Event::Placed { pair_id: pair.id, card_id: card, round: 1, position: Some(position), at: 3 };
        NewEvent::decided(&view, Actor::Pair(pair.clone()), Uuid::new_v4(), event)
    }

    fn append_job(n: usize, workshop: Uuid, new: NewEvent, answers: &Answers) -> Job {
        let answers = Arc::clone(answers);
        job(test_support::append(workshop, new, 5), move |answer| {
            answers.lock().unwrap().push((n, answer.map_err(|e| e.to_string())));
        })
    }

    fn seqs(store: &Store, id: Uuid) -> Vec<u64> {
        store.event_log(id).unwrap().iter().map(|e| e.seq).collect()
    }

    #[test]
    fn a_refused_write_is_rolled_back_alone_and_the_rest_commit_in_order() {
        let (_dir, store) = open();
        let (id, card, pair) = workshop_with_pair(&store);
        let before = seqs(&store, id);
        let last = *before.last().unwrap();
        let answers = Answers::default();
        let first = placed(&store, id, card, &pair, 10.0);
        let reused = NewEvent { change_id: first.change_id, actor: Actor::Facilitator, ..first.clone() };
        let unknown_workshop = placed(&store, id, card, &pair, 20.0);
        let third = placed(&store, id, card, &pair, 30.0);
        let mut conn = second_connection(&store);
        run_batch(
            conn.as_mut(),
            vec![
                append_job(0, id, first, &answers),
                append_job(1, id, reused, &answers),
                append_job(2, Uuid::new_v4(), unknown_workshop, &answers),
                append_job(3, id, third, &answers),
            ],
        );
        let answers = answers.lock().unwrap().clone();
        assert_eq!(answers.len(), 4, "every write is answered once");
        assert_eq!(answers[0], (0, Ok(ChangeOutcome::Committed { seq: last + 1 })));
        assert!(matches!(&answers[1], (1, Err(e)) if e.contains("already used")), "{answers:?}");
        assert!(matches!(&answers[2], (2, Err(e)) if e.contains("no such workshop")), "{answers:?}");
        assert_eq!(answers[3], (3, Ok(ChangeOutcome::Committed { seq: last + 2 })), "numbers stay contiguous");
        let after = seqs(&store, id);
        assert_eq!(after, [before, vec![last + 1, last + 2]].concat());
        let positions: Vec<_> = store.event_log(id).unwrap().iter().filter_map(|e| e.after.clone()).collect();
        assert!(positions.ends_with(&[serde_json::json!({"position": 10.0}), serde_json::json!({"position": 30.0})]));
    }

    #[test]
    fn a_batch_whose_commit_fails_acknowledges_nothing_and_stores_nothing() {
        let (_dir, store) = open();
        let (id, card, pair) = workshop_with_pair(&store);
        let before = seqs(&store, id);
        let answers = Answers::default();
        let first = placed(&store, id, card, &pair, 10.0);
        let second = placed(&store, id, card, &pair, 20.0);
        // A write that succeeds but leaves a deferred constraint violated: the database
        // refuses the COMMIT, as it would on a full disk or a failed fsync.
        let poison = job(
            |conn: &mut dyn Sql| {
                conn.batch(match conn.backend() {
                    Backend::Sqlite => {
                        "PRAGMA defer_foreign_keys = ON;
                         INSERT INTO pairs (id, workshop_id, label, token_hash, joined_at, join_seq)
                         VALUES ('x', 'no such workshop', 'Ghost', 'h', 0, 0);"
                    }
                    Backend::Postgres => {
                        "CREATE TEMP TABLE poison (id BIGINT UNIQUE DEFERRABLE INITIALLY DEFERRED);
                         INSERT INTO poison VALUES (1), (1);"
                    }
                })
            },
            {
                let answers = Arc::clone(&answers);
                move |answer: Result<(), StoreError>| {
                    answers
                        .lock()
                        .unwrap()
                        .push((9, answer.map(|()| ChangeOutcome::Committed { seq: 0 }).map_err(|e| e.to_string())));
                }
            },
        );
        let mut conn = second_connection(&store);
        run_batch(conn.as_mut(), vec![append_job(0, id, first, &answers), poison, append_job(1, id, second, &answers)]);
        let answers = answers.lock().unwrap().clone();
        assert_eq!(answers.len(), 3);
        for (n, answer) in &answers {
            assert!(matches!(answer, Err(e) if e.contains("not committed")), "write {n}: {answer:?}");
        }
        assert_eq!(seqs(&store, id), before, "nothing of the batch is stored");
        // The connection is usable again: the next batch commits.
        let answers2 = Answers::default();
        run_batch(conn.as_mut(), vec![append_job(0, id, placed(&store, id, card, &pair, 40.0), &answers2)]);
        let last = *before.last().unwrap();
        assert_eq!(answers2.lock().unwrap()[0], (0, Ok(ChangeOutcome::Committed { seq: last + 1 })));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn many_writes_at_once_are_all_stored_once_with_contiguous_numbers() {
        // Synchronous store calls block: PostgreSQL's client may not run on a runtime thread.
        use tokio::task::block_in_place as blocking;
        let (_dir, store) = blocking(open);
        let store = Arc::new(store);
        let (id, card, pair) = blocking(|| workshop_with_pair(&store));
        let before = blocking(|| seqs(&store, id)).len() as u64;
        let news: Vec<NewEvent> =
            blocking(|| (0..300).map(|n| placed(&store, id, card, &pair, f64::from(n) / 3.0)).collect());
        let writes = news.into_iter().map(|new| {
            let store = Arc::clone(&store);
            tokio::spawn(async move { store.append_async(id, new, 5).await })
        });
        let mut committed = Vec::new();
        for w in writes.collect::<Vec<_>>() {
            match w.await.unwrap().unwrap() {
                ChangeOutcome::Committed { seq } => committed.push(seq),
                other => panic!("{other:?}"),
            }
        }
        committed.sort_unstable();
        assert_eq!(committed, (before + 1..=before + 300).collect::<Vec<_>>());
        assert_eq!(blocking(|| seqs(&store, id)), (1..=before + 300).collect::<Vec<_>>());
    }
}
