//! `notes.qdpx` and `codebook.qdc`: the pairs' notes as a REFI-QDA project, the exchange
//! format NVivo, ATLAS.ti, MAXQDA and QualCoder import (schema: `Project.xsd` 1.0, namespace
//! `urn:QDA-XML:project:1.0`; a copy is in `server/tests/refi/`).
//!
//! What a project holds, for one workshop or several (one project across sites):
//! - **Codes.** Two parents, neither codable: "Aspects", with one code per aspect (its text;
//!   aspects of one template share one code across workshops, keyed by the template's aspect
//!   id), and "Kinds of note", with "Intended outcome", "Unintended outcome" and
//!   "Can't place – reason". Every note is coded with its aspect and its kind, so a matrix
//!   query crosses the two.
//! - **Cases.** One per pair, named as the export names pairs, with variables: site, workshop,
//!   workshop date, rounds, its reference, and the pair's position on each aspect in each round (a float;
//!   no value when the pair did not place it or could not).
//! - **Sources.** One plain-text document per pair (`sources/<guid>.txt`, UTF-8 without a
//!   byte-order mark, `\n` line ends), named after its case, holding its notes under their
//!   aspects; each note is a `PlainTextSelection` whose positions count Unicode code points
//!   (end exclusive) so that it spans exactly the note's text.
//!
//! Every GUID is a UUID v5 of what it stands for (workshop, pair, aspect, kind), lower case,
//! so two exports of the same data are the same bytes, and a code keeps its GUID from one
//! export to the next. Nothing depends on the clock: dates are the workshops' own.

use std::collections::{BTreeMap, HashMap};

use app::domain::Card;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use uuid::Uuid;

use super::tables::{WorkshopExport, workshop_date};
use crate::time::iso_ms;

/// The project's namespace.
pub const PROJECT_NAMESPACE: &str = "urn:QDA-XML:project:1.0";
/// The codebook's namespace.
pub const CODEBOOK_NAMESPACE: &str = "urn:QDA-XML:codebook:1.0";
/// The project's name in an export.
pub const QDPX_FILE: &str = "notes.qdpx";
/// The codebook's name in an export.
pub const CODEBOOK_FILE: &str = "codebook.qdc";
/// The project file inside the `.qdpx`.
pub const PROJECT_FILE: &str = "project.qde";

/// The namespace of every GUID this module derives (a UUID v5 namespace of its own).
const GUIDS: Uuid = Uuid::from_u128(0x5d1c_2f0e_7a4b_4c8e_9b61_3e2d_8f40_a7c1);

/// The kinds of note, as `notes.csv` names them, with their code names.
const KINDS: [(&str, &str); 3] = [
    ("intended_outcome", "Intended outcome"),
    ("unintended_outcome", "Unintended outcome"),
    ("cant_place_reason", "Can't place – reason"),
];

/// The GUID of `what`: lower-case hyphenated UUID v5.
fn guid(what: &str) -> String {
    Uuid::new_v5(&GUIDS, what.as_bytes()).hyphenated().to_string()
}

/// A code of the codebook.
#[derive(Clone, Debug, PartialEq)]
struct Code {
    guid: String,
    name: String,
    description: String,
}

/// A variable of the cases.
#[derive(Clone, Debug, PartialEq)]
struct Variable {
    guid: String,
    name: String,
    kind: &'static str,
}

/// A value of one case's variable.
#[derive(Clone, Debug, PartialEq)]
struct Value {
    variable: String,
    kind: &'static str,
    value: String,
}

/// A stretch of a source coded with some codes.
#[derive(Clone, Debug, PartialEq)]
struct Selection {
    guid: String,
    name: String,
    start: usize,
    end: usize,
    codes: Vec<String>,
}

/// One pair: its case and its source.
#[derive(Clone, Debug, PartialEq)]
struct PairDocument {
    case_guid: String,
    source_guid: String,
    name: String,
    created: String,
    values: Vec<Value>,
    text: String,
    selections: Vec<Selection>,
}

/// Everything a project holds, before it is written.
#[derive(Clone, Debug, PartialEq)]
struct Project {
    name: String,
    created: String,
    aspects: Vec<Code>,
    kinds: Vec<Code>,
    variables: Vec<Variable>,
    pairs: Vec<PairDocument>,
}

/// The key an aspect's code is known by: its template aspect when it has one (the same code
/// in every workshop of that template), else the aspect itself.
fn aspect_key(template_aspects: &HashMap<Uuid, Uuid>, card: &Card) -> String {
    match template_aspects.get(&card.id) {
        Some(template_aspect) => format!("template-aspect:{template_aspect}"),
        None => format!("aspect:{}", card.id),
    }
}

/// `names` made unique, in order: a name met again gets " (2)", " (3)", … after it.
fn unique(names: Vec<String>) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let mut candidate = name.clone();
        let mut n = 1;
        while seen.contains_key(&candidate) {
            n += 1;
            candidate = format!("{name} ({n})");
        }
        seen.insert(candidate.clone(), n);
        out.push(candidate);
    }
    out
}

/// A position as an `xsd:decimal` (never an exponent: positions are 0–100, one decimal).
fn decimal(x: f64) -> String {
    let text = format!("{x}");
    if text.contains(['e', 'E']) { format!("{x:.1}") } else { text }
}

impl Project {
    /// The project of these workshops, in the order given.
    fn of(exports: &[WorkshopExport]) -> Project {
        let several = exports.len() > 1;
        // Aspect codes in order of first appearance; a key met again is the same code.
        let mut aspect_keys: Vec<(String, String, String)> = Vec::new(); // key, text, description
        let mut rounds = 1u8;
        for export in exports {
            let s = &export.snapshot;
            let template_aspects = s.template_aspect_ids();
            rounds = rounds.max(s.view.round);
            for card in &s.cards {
                let key = aspect_key(&template_aspects, card);
                if !aspect_keys.iter().any(|(k, _, _)| *k == key) {
                    let description = match template_aspects.get(&card.id) {
                        Some(id) => format!("Aspect on the spectrum. Template aspect id: {id}."),
                        None => format!("Aspect on the spectrum. Aspect id: {} (workshop {}).", card.id, s.workshop.id),
                    };
                    aspect_keys.push((key, card.text.clone(), description));
                }
            }
        }
        let aspect_names = unique(aspect_keys.iter().map(|(_, text, _)| text.clone()).collect());
        let aspects: Vec<Code> = aspect_keys
            .iter()
            .zip(&aspect_names)
            .map(|((key, _, description), name)| Code {
                guid: guid(&format!("code:{key}")),
                name: name.clone(),
                description: description.clone(),
            })
            .collect();
        let code_of: HashMap<&str, &Code> =
            aspect_keys.iter().map(|(key, _, _)| key.as_str()).zip(aspects.iter()).collect();
        let kinds: Vec<Code> = KINDS
            .iter()
            .map(|(key, name)| Code {
                guid: guid(&format!("kind:{key}")),
                name: (*name).to_string(),
                description: format!("A note of this kind (`{key}` in notes.csv)."),
            })
            .collect();
        let kind_guid = |key: &str| guid(&format!("kind:{key}"));

        // Variables: the workshop's facts, then one per aspect × round.
        let mut variables = vec![
            Variable { guid: guid("variable:site"), name: "Site".into(), kind: "Text" },
            Variable { guid: guid("variable:workshop"), name: "Workshop".into(), kind: "Text" },
            Variable { guid: guid("variable:workshop-date"), name: "Workshop date".into(), kind: "Date" },
            Variable { guid: guid("variable:rounds"), name: "Rounds".into(), kind: "Integer" },
            Variable { guid: guid("variable:pair-reference"), name: "Pair reference".into(), kind: "Text" },
        ];
        let mut position_variable: HashMap<(String, u8), String> = HashMap::new();
        for ((key, _, _), code) in aspect_keys.iter().zip(&aspects) {
            for round in 1..=rounds {
                let v = guid(&format!("variable:position:{key}:{round}"));
                position_variable.insert((key.clone(), round), v.clone());
                variables.push(Variable { guid: v, name: format!("{} – round {round}", code.name), kind: "Float" });
            }
        }
        let variable_names = unique(variables.iter().map(|v| v.name.clone()).collect());
        for (variable, name) in variables.iter_mut().zip(variable_names) {
            variable.name = name;
        }

        let mut case_names = Vec::new();
        let mut pairs = Vec::new();
        for export in exports {
            let s = &export.snapshot;
            let w = &s.workshop;
            let view = &s.view;
            let date = workshop_date(w.created_at);
            let template_aspects = s.template_aspect_ids();
            for pair in &s.pairs {
                let name = if several { format!("{} ({}, {date})", pair.label, w.site) } else { pair.label.clone() };
                case_names.push(name.clone());
                let what = format!("{}:{}", w.id, pair.id);
                let mut values = vec![
                    Value { variable: guid("variable:site"), kind: "TextValue", value: w.site.clone() },
                    Value { variable: guid("variable:workshop"), kind: "TextValue", value: w.title.clone() },
                    Value { variable: guid("variable:workshop-date"), kind: "DateValue", value: date.clone() },
                    Value { variable: guid("variable:rounds"), kind: "IntegerValue", value: view.round.to_string() },
                ];
                if let Some(reference) = &pair.reference {
                    let variable = guid("variable:pair-reference");
                    values.push(Value { variable, kind: "TextValue", value: reference.clone() });
                }
                let mut text = String::new();
                let mut len = 0usize; // in code points
                let push = |text: &mut String, len: &mut usize, part: &str| {
                    text.push_str(part);
                    *len += part.chars().count();
                };
                push(&mut text, &mut len, &format!("{name}\n{}, {date}\n", w.site));
                let mut selections = Vec::new();
                for card in &s.cards {
                    let key = aspect_key(&template_aspects, card);
                    for round in 1..=view.round {
                        let placed = view.placement_in(round, pair.id, card.id).and_then(|p| p.shown_position());
                        if let (Some(x), Some(v)) = (placed, position_variable.get(&(key.clone(), round))) {
                            values.push(Value { variable: v.clone(), kind: "FloatValue", value: decimal(x) });
                        }
                    }
                    let mut notes: Vec<(&str, String, &str)> = Vec::new(); // kind, label, text
                    if let Some(note) = view.note(pair.id, card.id) {
                        if !note.intended.is_empty() {
                            notes.push(("intended_outcome", "Intended outcome".into(), &note.intended));
                        }
                        if !note.unintended.is_empty() {
                            notes.push(("unintended_outcome", "Unintended outcome".into(), &note.unintended));
                        }
                    }
                    for round in 1..=view.round {
                        if let Some(p) = view.placement_in(round, pair.id, card.id).filter(|p| p.cant_place) {
                            notes.push((
                                "cant_place_reason",
                                format!("Can't place it (round {round}), because"),
                                &p.reason,
                            ));
                        }
                    }
                    if notes.is_empty() {
                        continue;
                    }
                    push(&mut text, &mut len, &format!("\n{}\n", card.text));
                    let code = code_of[key.as_str()];
                    for (i, (kind, label, note)) in notes.into_iter().enumerate() {
                        push(&mut text, &mut len, &format!("{label}: "));
                        let start = len;
                        push(&mut text, &mut len, note);
                        selections.push(Selection {
                            guid: guid(&format!("selection:{what}:{}:{kind}:{i}", card.id)),
                            name: format!("{} – {label}", code.name),
                            start,
                            end: len,
                            codes: vec![code.guid.clone(), kind_guid(kind)],
                        });
                        push(&mut text, &mut len, "\n");
                    }
                }
                pairs.push(PairDocument {
                    case_guid: guid(&format!("case:{what}")),
                    source_guid: guid(&format!("source:{what}")),
                    name,
                    created: iso_ms(pair.joined_at),
                    values,
                    text,
                    selections,
                });
            }
        }
        for (pair, name) in pairs.iter_mut().zip(unique(case_names)) {
            pair.name = name;
        }
        let name = match exports {
            [one] => one.snapshot.workshop.title.clone(),
            _ => format!("Discretion Spectrum: {} workshops", exports.len()),
        };
        let created = exports.iter().map(|e| e.snapshot.workshop.created_at).min().map_or_else(String::new, iso_ms);
        Project { name, created, aspects, kinds, variables, pairs }
    }
}

/// Writes XML to memory; every write goes through here so errors have one type.
struct Xml(Writer<Vec<u8>>);

impl Xml {
    fn new() -> Result<Xml, std::io::Error> {
        let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
        writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None))).map_err(std::io::Error::other)?;
        Ok(Xml(writer))
    }

    fn event(&mut self, event: Event<'_>) -> Result<(), std::io::Error> {
        self.0.write_event(event).map_err(std::io::Error::other)
    }

    fn open(&mut self, name: &str, attributes: &[(&str, &str)]) -> Result<(), std::io::Error> {
        self.event(Event::Start(BytesStart::new(name).with_attributes(attributes.iter().copied())))
    }

    fn close(&mut self, name: &str) -> Result<(), std::io::Error> {
        self.event(Event::End(BytesEnd::new(name)))
    }

    fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) -> Result<(), std::io::Error> {
        self.event(Event::Empty(BytesStart::new(name).with_attributes(attributes.iter().copied())))
    }

    fn text_element(&mut self, name: &str, text: &str) -> Result<(), std::io::Error> {
        self.open(name, &[])?;
        self.event(Event::Text(BytesText::new(text)))?;
        self.close(name)
    }

    fn finish(self) -> Vec<u8> {
        let mut bytes = self.0.into_inner();
        bytes.push(b'\n');
        bytes
    }
}

/// The `<Codes>` of the project and of the codebook: the two parents and their codes.
fn write_codes(xml: &mut Xml, project: &Project) -> Result<(), std::io::Error> {
    xml.open("Codes", &[])?;
    for (key, name, description, codes) in [
        ("parent:aspects", "Aspects", "The aspects of the role placed on the spectrum.", &project.aspects),
        ("parent:kinds", "Kinds of note", "What a pair wrote about an aspect.", &project.kinds),
    ] {
        xml.open("Code", &[("guid", &guid(key)), ("name", name), ("isCodable", "false")])?;
        xml.text_element("Description", description)?;
        for code in codes {
            xml.open("Code", &[("guid", &code.guid), ("name", &code.name), ("isCodable", "true")])?;
            xml.text_element("Description", &code.description)?;
            xml.close("Code")?;
        }
        xml.close("Code")?;
    }
    xml.close("Codes")
}

/// The user every selection is credited to: this tool.
fn user_guid() -> String {
    guid("user:discretion-spectrum")
}

/// `project.qde`.
fn project_xml(project: &Project) -> Result<Vec<u8>, std::io::Error> {
    let origin = format!("Discretion Spectrum {}", env!("CARGO_PKG_VERSION"));
    let user = user_guid();
    let mut xml = Xml::new()?;
    let mut root = vec![("xmlns", PROJECT_NAMESPACE), ("name", project.name.as_str()), ("origin", origin.as_str())];
    if !project.created.is_empty() {
        root.push(("creationDateTime", project.created.as_str()));
    }
    xml.open("Project", &root)?;
    xml.open("Users", &[])?;
    xml.empty("User", &[("guid", &user), ("name", "Discretion Spectrum")])?;
    xml.close("Users")?;
    xml.open("CodeBook", &[])?;
    write_codes(&mut xml, project)?;
    xml.close("CodeBook")?;
    xml.open("Variables", &[])?;
    for v in &project.variables {
        xml.empty("Variable", &[("guid", &v.guid), ("name", &v.name), ("typeOfVariable", v.kind)])?;
    }
    xml.close("Variables")?;
    if !project.pairs.is_empty() {
        xml.open("Cases", &[])?;
        for pair in &project.pairs {
            xml.open("Case", &[("guid", &pair.case_guid), ("name", &pair.name)])?;
            for value in &pair.values {
                xml.open("VariableValue", &[])?;
                xml.empty("VariableRef", &[("targetGUID", &value.variable)])?;
                xml.text_element(value.kind, &value.value)?;
                xml.close("VariableValue")?;
            }
            xml.empty("SourceRef", &[("targetGUID", &pair.source_guid)])?;
            xml.close("Case")?;
        }
        xml.close("Cases")?;
        xml.open("Sources", &[])?;
        for pair in &project.pairs {
            let path = format!("internal://{}.txt", pair.source_guid);
            xml.open(
                "TextSource",
                &[
                    ("guid", &pair.source_guid),
                    ("name", &pair.name),
                    ("plainTextPath", &path),
                    ("creatingUser", &user),
                    ("creationDateTime", &pair.created),
                ],
            )?;
            for s in &pair.selections {
                let (start, end) = (s.start.to_string(), s.end.to_string());
                xml.open(
                    "PlainTextSelection",
                    &[
                        ("guid", &s.guid),
                        ("name", &s.name),
                        ("startPosition", &start),
                        ("endPosition", &end),
                        ("creatingUser", &user),
                        ("creationDateTime", &pair.created),
                    ],
                )?;
                for code in &s.codes {
                    let coding = guid(&format!("coding:{}:{code}", s.guid));
                    xml.open("Coding", &[("guid", &coding), ("creatingUser", &user)])?;
                    xml.empty("CodeRef", &[("targetGUID", code)])?;
                    xml.close("Coding")?;
                }
                xml.close("PlainTextSelection")?;
            }
            xml.close("TextSource")?;
        }
        xml.close("Sources")?;
    }
    xml.text_element(
        "Description",
        "The notes of a Discretion Spectrum workshop: one source and one case per pair, each note coded with its aspect and its kind.",
    )?;
    xml.close("Project")?;
    Ok(xml.finish())
}

/// `codebook.qdc`: the same codes as the project, for a codebook import.
fn codebook_xml(project: &Project) -> Result<Vec<u8>, std::io::Error> {
    let origin = format!("Discretion Spectrum {}", env!("CARGO_PKG_VERSION"));
    let mut xml = Xml::new()?;
    xml.open("CodeBook", &[("xmlns", CODEBOOK_NAMESPACE), ("origin", &origin)])?;
    write_codes(&mut xml, project)?;
    xml.close("CodeBook")?;
    Ok(xml.finish())
}

/// The files of the `.qdpx` of these workshops (one project across them, in the order
/// given), by their path in its zip: `project.qde`, then `sources/<guid>.txt` in GUID order.
pub fn qdpx_files(exports: &[WorkshopExport]) -> Result<Vec<(String, Vec<u8>)>, std::io::Error> {
    let project = Project::of(exports);
    let mut files = vec![(PROJECT_FILE.to_string(), project_xml(&project)?)];
    let sources: BTreeMap<&str, &str> =
        project.pairs.iter().map(|p| (p.source_guid.as_str(), p.text.as_str())).collect();
    files.extend(sources.into_iter().map(|(guid, text)| (format!("sources/{guid}.txt"), text.as_bytes().to_vec())));
    Ok(files)
}

/// `codebook.qdc` of these workshops' codes.
pub fn codebook(exports: &[WorkshopExport]) -> Result<Vec<u8>, std::io::Error> {
    codebook_xml(&Project::of(exports))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::WorkshopSnapshot;
    use app::domain::{Event, PairSummary, RoomView, WorkshopInfo};

    /// A workshop of two aspects and two pairs: pair 1 placed both and wrote notes in Welsh,
    /// with curly quotes, a line break and an emoji; pair 2 could not place the first.
    fn export() -> WorkshopExport {
        export_of(1, 10)
    }

    /// [`export`] as workshop `workshop`, its aspects' ids starting at `first_card`.
    fn export_of(workshop: u128, first_card: u128) -> WorkshopExport {
        let id = Uuid::from_u128;
        let (c1, c2) = (id(first_card), id(first_card + 10));
        let workshop = WorkshopInfo {
            id: id(workshop),
            title: "Gweithdy".into(),
            site: "Caerdydd".into(),
            question: "Q".into(),
            left_pole: "Fixed".into(),
            right_pole: "Flexible".into(),
            join_code: "ABCDEF".into(),
            created_at: 1_795_478_399_000,
            template_id: None,
        };
        let cards = vec![Card::new(c1, "Holding patients", 0), Card::new(c2, "Caseload", 1)];
        let mut view = RoomView::new(workshop.clone(), cards.clone());
        let events = [
            Event::PairJoined {
                pair: PairSummary {
                    id: id(100),
                    label: "Pâr ŵ A".into(),
                    joined_at: 5,
                    last_active: 5,
                    reference: None,
                },
            },
            Event::PairJoined {
                pair: PairSummary {
                    id: id(200),
                    label: "Pair B".into(),
                    joined_at: 6,
                    last_active: 6,
                    reference: None,
                },
            },
            Event::Placed { pair_id: id(100), card_id: c1, round: 1, position: Some(12.5), at: 7 },
            Event::Placed { pair_id: id(100), card_id: c2, round: 1, position: Some(80.0), at: 8 },
            Event::SheetSaved {
                pair_id: id(100),
                card_id: c1,
                round: 1,
                intended: "Amser i wrando, “yn iawn”\nar eu cyflymder 🙂".into(),
                unintended: "Rhestrau aros".into(),
                cant_place: None,
                at: 9,
                language: None,
            },
            Event::SheetSaved {
                pair_id: id(200),
                card_id: c1,
                round: 1,
                intended: String::new(),
                unintended: String::new(),
                cant_place: Some("It depends on the GP".into()),
                at: 10,
                language: None,
            },
        ];
        for event in &events {
            view.apply(view.seq + 1, event);
        }
        let pairs = view.pairs.clone();
        let snapshot = WorkshopSnapshot {
            workshop,
            cards,
            pairs,
            view,
            events: Vec::new(),
            start_cards: Vec::new(),
            pair_rows: Vec::new(),
            delete_after: None,
        };
        WorkshopExport::new(snapshot)
    }

    fn text_of(cell: &crate::research::cells::Cell) -> String {
        match cell {
            crate::research::cells::Cell::Text(t) => t.clone(),
            other => panic!("not text: {other:?}"),
        }
    }

    #[test]
    fn every_note_is_a_selection_spanning_exactly_its_text_in_code_points() {
        let export = export();
        let project = Project::of(std::slice::from_ref(&export));
        let notes: Vec<String> = export.notes.rows.iter().map(|row| text_of(&row[7])).collect();
        assert_eq!(notes.len(), 3, "{notes:?}");
        let mut spans = Vec::new();
        for pair in &project.pairs {
            let chars: Vec<char> = pair.text.chars().collect();
            for s in &pair.selections {
                spans.push(chars[s.start..s.end].iter().collect::<String>());
                assert_eq!(s.codes.len(), 2, "an aspect and a kind");
            }
        }
        assert_eq!(spans, notes);
        assert_eq!(project.pairs[0].name, "Pâr ŵ A");
        // Pair 1's positions, pair 2's none (it could not place).
        let floats = |p: &PairDocument| {
            p.values.iter().filter(|v| v.kind == "FloatValue").map(|v| v.value.clone()).collect::<Vec<_>>()
        };
        assert_eq!(floats(&project.pairs[0]), ["12.5", "80"]);
        assert!(floats(&project.pairs[1]).is_empty());
    }

    #[test]
    fn the_same_data_gives_the_same_bytes_and_lower_case_guids() {
        let export = export();
        let one = qdpx_files(std::slice::from_ref(&export)).unwrap();
        assert_eq!(one, qdpx_files(std::slice::from_ref(&export)).unwrap());
        assert_eq!(one.len(), 3, "the project and a source per pair");
        let xml = project_xml(&Project::of(std::slice::from_ref(&export))).unwrap();
        let xml = String::from_utf8(xml).unwrap();
        assert!(xml.contains(PROJECT_NAMESPACE));
        for part in xml.split("guid=\"").chain(xml.split("GUID=\"")).skip(1) {
            let value = &part[..36];
            assert_eq!(value, value.to_lowercase(), "{value}");
        }
    }

    #[test]
    fn several_workshops_give_one_project_with_unique_case_names() {
        let (a, b) = (export(), export_of(2, 30));
        let project = Project::of(&[a, b]);
        assert_eq!(project.pairs.len(), 4);
        let names: Vec<&str> = project.pairs.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names[0], "Pâr ŵ A (Caerdydd, 2026-11-23)");
        assert_eq!(names[2], "Pâr ŵ A (Caerdydd, 2026-11-23) (2)");
        // Aspects without a template are codes of their own workshop, with unique names.
        let aspects: Vec<&str> = project.aspects.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(aspects, ["Holding patients", "Caseload", "Holding patients (2)", "Caseload (2)"]);
    }

    #[test]
    fn names_are_made_unique_in_order() {
        let names = unique(vec!["A".into(), "B".into(), "A".into(), "A".into(), "A (2)".into()]);
        assert_eq!(names, ["A", "B", "A (2)", "A (3)", "A (2) (2)"]);
    }

    #[test]
    fn positions_are_decimals() {
        assert_eq!(decimal(10.0), "10");
        assert_eq!(decimal(15.5), "15.5");
        assert_eq!(decimal(0.1), "0.1");
    }
}
