"""Opens an export zip with independent readers (pandas, openpyxl) and checks its values and
that no spreadsheet cell is a formula.

    cargo run -p server --example sample_export -- /tmp/sample-export.zip
    python3 server/tests/check_export.py /tmp/sample-export.zip

Needs: pip install pandas openpyxl
"""

import hashlib
import io
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
        "workshop.json", "event-log.json", "codebook.md", "workshop.xlsx", "chart.svg", "chart.png",
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
    for name in ["placements", "events", "summary", "notes"]:
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
    assert len(cant) == 2 and set(cant["reason"]) == {"Depends on the GP practice"}
    second = placements[placements["round"] == "2"]
    assert second["position"].tolist()[0] == "40", "the second round keeps the move"
    assert placements.iloc[0]["intended_outcome"] == 'Patients get "what matters", at their pace'

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
    assert list(notes.columns) == ["workshop_id", "round", "pair_label", "aspect_id", "aspect_text", "kind", "text"]
    assert notes["kind"].tolist() == [
        "intended_outcome", "unintended_outcome", "cant_place_reason", "cant_place_reason"], notes["kind"].tolist()
    assert notes.iloc[1]["text"] == "'=Caseloads grow, waiting lists too"
    actions = tables["events"]["action"].tolist()
    assert actions.count("phase_changed") == 4 and actions.count("sheet_saved") == 2, actions
    assert len(actions) == 22, len(actions)

    book = openpyxl.load_workbook(io.BytesIO(z.read("workshop.xlsx")))
    assert book.sheetnames == ["workshop", "placements", "events", "summary", "notes"], book.sheetnames
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
    assert rows[0]["round"] == 1
    print("ok:", path)


if __name__ == "__main__":
    main(sys.argv[1])
