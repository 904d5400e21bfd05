"""Opens an export zip with independent readers (pandas, openpyxl) and checks its values and
that no spreadsheet cell is a formula.

    cargo run -p server --example sample_export -- /tmp/sample-export.zip
    python3 server/tests/check_export.py /tmp/sample-export.zip

Needs: pip install pandas openpyxl
"""

import hashlib
import io
import re
import json
import sys
import zipfile

import openpyxl
import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def main(path):
    z = zipfile.ZipFile(path)
    names = z.namelist()
    assert names == [
        "placements.csv", "events.csv", "summary.csv", "notes.csv", "groups.csv",
        "consent.csv", "workshop.json", "event-log.json", "codebook.md", "notes.qdpx", "codebook.qdc", "workshop.xlsx",
        "chart.svg", "chart.png",
        # The sample runs a second round, so its chart comes too.
        "chart-round-2.svg", "chart-round-2.png", "manifest.json",
    ], names
    # The manifest, checked with Python's own SHA-256: every other file, in zip order.
    manifest = json.loads(z.read("manifest.json"))
    assert (manifest["format"], manifest["version"]) == ("discretion-spectrum-export", 1), manifest
    assert [f["name"] for f in manifest["files"]] == names[:-1]
    for f in manifest["files"]:
        data = z.read(f["name"])
        assert (len(data), hashlib.sha256(data).hexdigest()) == (f["bytes"], f["sha256"]), f["name"]
    for chart in ["chart.png", "chart-round-2.png"]:
        assert z.read(chart).startswith(b"\x89PNG\r\n\x1a\n"), chart
    tables = {}
    for name in ["placements", "events", "summary", "notes", "consent"]:
        raw = z.read(f"{name}.csv")
        assert raw.startswith(b"\xef\xbb\xbf"), name
        tables[name] = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", keep_default_na=False, dtype=str)
    doc = json.loads(z.read("workshop.json"))
    assert doc["schema_version"] == 1

    placements = tables["placements"]
    # Two rounds × two pairs × six aspects.
    assert len(placements) == 24, len(placements)
    assert list(placements["round"].unique()) == ["1", "2"]
    assert list(placements["pair_label"].unique()) == ["Pâr 1", "'=Pair 2"]
    # Text cells that a spreadsheet would run are neutralised in CSV, kept as typed in JSON.
    for column in ["title", "site", "pair_label", "aspect_text", "unintended_outcome"]:
        for value in placements[column]:
            assert not value.startswith(FORMULA_START), (column, value)
    assert "Café 🙂 Siân" in set(placements["aspect_text"])
    assert "'+44 caseload, \"balance\"" in set(placements["aspect_text"])
    assert [a["text"] for a in doc["aspects"]][1] == "=SUM(A1:A2)"
    first = placements[placements["round"] == "1"]
    assert first["position"].tolist() == [
        "10", "20", "80", "90", "50", "0", "12.5", "95", "85", "", "55", "100"], first["position"].tolist()
    cant = placements[placements["status"] == "can't place"]
    assert len(cant) == 2 and set(cant["reason"]) == {"Depends on the GP practice – “Meddygfa’r Ŵyl” 🙂"}
    second = placements[placements["round"] == "2"]
    assert second["position"].tolist()[0] == "40", "the second round keeps the move"
    assert placements.iloc[0]["intended_outcome"] == 'Patients get "what matters",\nat their pace'

    summary = tables["summary"]
    top = summary.iloc[0]
    assert (top["round"], top["n_placed"], top["median"], top["q1"], top["q3"]) == ("1", "2", "11.25", "10.625", "11.875")
    # pandas agrees with the type-7 quartiles and the sample sd, round by round.
    for _, row in summary.iterrows():
        rows = placements[(placements["aspect_id"] == row["aspect_id"]) & (placements["round"] == row["round"])]
        values = pd.to_numeric(rows[rows["status"] == "placed"]["position"])
        assert int(row["n_cant_place"]) == (rows["status"] == "can't place").sum()
        assert abs(values.quantile(0.25) - float(row["q1"])) < 1e-9
        assert abs(values.median() - float(row["median"])) < 1e-9
        assert abs(values.quantile(0.75) - float(row["q3"])) < 1e-9
        if len(values) > 1:
            assert abs(values.std() - float(row["sd"])) < 1e-9
    assert set(summary["split"]) <= {"true", "false"}
    notes = tables["notes"]
    assert list(notes.columns) == [
        "workshop_id", "round", "pair_label", "pair_reference", "aspect_id", "aspect_text", "kind", "text", "language"]
    assert notes["kind"].tolist() == [
        "intended_outcome", "unintended_outcome", "cant_place_reason", "cant_place_reason"], notes["kind"].tolist()
    assert notes.iloc[1]["text"] == "'=Caseloads grow, waiting lists too"
    # A note of two lines keeps its line break (one "\n"), quoted in the csv.
    assert notes.iloc[0]["text"] == 'Patients get "what matters",\nat their pace', repr(notes.iloc[0]["text"])
    # Every table that names a pair carries its reference next to its label, the same one
    # everywhere (workshop.json's pairs, the notes, the events it made, the opinion groups).
    references = {p["label"]: p["reference"] for p in doc["pairs"]}
    assert len(set(references.values())) == 2 and all(len(r) == 6 for r in references.values()), references
    untyped = {label.lstrip("'"): ref for label, ref in zip(placements["pair_label"], placements["pair_reference"])}
    assert untyped == references, (untyped, references)
    assert list(placements.columns[5:7]) == ["pair_label", "pair_reference"]
    assert {(l.lstrip("'"), r) for l, r in zip(notes["pair_label"], notes["pair_reference"])} <= set(references.items())
    groups = pd.read_csv(io.BytesIO(z.read("groups.csv")), encoding="utf-8-sig", keep_default_na=False, dtype=str)
    assert list(groups.columns[2:4]) == ["pair_label", "pair_reference"]
    assert {(l.lstrip("'"), r) for l, r in zip(groups["pair_label"], groups["pair_reference"])} == set(references.items())
    events = tables["events"]
    assert list(events.columns[2:4]) == ["actor", "pair_reference"]
    by_pair = events[events["pair_reference"] != ""]
    assert set(by_pair["pair_reference"]) == set(references.values()), by_pair
    assert set(by_pair[by_pair["action"] == "placed"]["actor"].str.lstrip("'")) <= set(references)
    actions = tables["events"]["action"].tolist()
    assert actions.count("phase_changed") == 4 and actions.count("sheet_saved") == 2, actions
    assert actions.count("consent_sheet_set") == 2 and actions.count("consent_given") == 3, actions
    assert len(actions) == 27, len(actions)

    # Consent: version 1 agreed by Pâr 1 (2 people) and =Pair 2 (1 person), then version 1.1
    # by Pâr 1 again; one row per pair × person × statement, in the order given.
    consent = tables["consent"]
    assert list(consent.columns) == [
        "workshop_id", "pair_reference", "person", "sheet_version", "statement", "agreed", "at"]
    assert len(consent) == (2 + 1 + 2) * 2, len(consent)
    # Named by the pairs' references (the ones a withdrawal quotes), not their labels.
    refs = consent["pair_reference"].tolist()
    assert all(re.fullmatch(r"[A-Z0-9]{6}", r) for r in refs), refs
    assert refs[:4] == [refs[0]] * 4 and refs[4:6] == [refs[4]] * 2 and refs[0] != refs[4], refs
    assert refs[6:] == [refs[0]] * 4, refs
    assert consent["person"].tolist()[:6] == ["1", "1", "2", "2", "1", "1"]
    assert consent["sheet_version"].tolist() == ["1"] * 6 + ["1.1"] * 4
    assert set(consent["agreed"]) == {"true"}
    assert consent.iloc[1]["statement"] == "'=I may withdraw, \"any time\"", consent.iloc[1]["statement"]
    for at in consent["at"]:
        assert pd.Timestamp(at).tzinfo is not None and at.endswith("Z"), at
    sheets = doc["consent_sheets"]
    assert [s["version"] for s in sheets] == ["1", "1.1"]
    assert sheets[1]["text"].startswith("Version 1.1.\n\nWe record") and sheets[1]["statements"][1].startswith("=I may")
    assert [r["sheet_version"] for r in doc["consent"]] == consent["sheet_version"].tolist()

    book = openpyxl.load_workbook(io.BytesIO(z.read("workshop.xlsx")))
    assert book.sheetnames == ["workshop", "placements", "events", "summary", "notes", "consent"], book.sheetnames
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    sheet = book["placements"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, [c.value for c in r])) for r in sheet.iter_rows(min_row=2)]
    assert len(rows) == 24
    assert rows[0]["position"] == 10 and isinstance(rows[0]["position"], (int, float))
    assert rows[1]["aspect_text"] == "=SUM(A1:A2)"
    assert rows[7]["pair_label"] == "=Pair 2"
    assert rows[7]["pair_reference"] == references["=Pair 2"]
    assert rows[0]["round"] == 1
    sheet = book["notes"]
    header = [c.value for c in sheet[1]]
    first = dict(zip(header, [c.value for c in sheet[2]]))
    assert first["text"] == 'Patients get "what matters",\nat their pace', repr(first["text"])
    assert sheet.cell(row=2, column=header.index("text") + 1).alignment.wrap_text, "a note of several lines wraps"
    sheet = book["consent"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, [c.value for c in r])) for r in sheet.iter_rows(min_row=2)]
    assert len(rows) == 10 and rows[0]["person"] == 1 and rows[0]["agreed"] is True, rows[0]
    assert rows[1]["statement"] == '=I may withdraw, "any time"', rows[1]
    print("ok:", path)


if __name__ == "__main__":
    main(sys.argv[1])
