"""Opens the NVivo project of an export (`notes.qdpx`) with independent readers (zipfile, lxml)
and checks it against the REFI-QDA schema and against the export's own tables:

- `project.qde` is valid against `Project.xsd` 1.0 (server/tests/refi/);
- every note and reason of notes.csv is one PlainTextSelection of its pair's source, and
  `text[start:end]` (code points, as the standard counts) is exactly the note;
- each selection is coded with its aspect's code and its kind's code;
- every case's position variables equal placements.csv;
- `codebook.qdc` holds the same codes as the project.

    cargo run -p server --example sample_export -- /tmp/sample-export.zip
    python3 server/tests/check_qdpx.py /tmp/sample-export.zip

Needs: pip install pandas lxml
"""

import io
import os
import sys
import zipfile

import pandas as pd
from lxml import etree

NS = {"q": "urn:QDA-XML:project:1.0"}
CODEBOOK_NS = {"c": "urn:QDA-XML:codebook:1.0"}
SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "refi", "Project.xsd")
KINDS = {
    "intended_outcome": "Intended outcome",
    "unintended_outcome": "Unintended outcome",
    "cant_place_reason": "Can't place – reason",
}


def csv(z, name):
    return pd.read_csv(io.BytesIO(z.read(name)), encoding="utf-8-sig", dtype=str, keep_default_na=False)


def untick(text):
    # The CSV files neutralise a leading =, +, -, @, tab or CR with a "'" (see the codebook).
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r":
        return text[1:]
    return text


def main(path):
    export = zipfile.ZipFile(path)
    qdpx = zipfile.ZipFile(io.BytesIO(export.read("notes.qdpx")))
    names = qdpx.namelist()
    assert names[0] == "project.qde", names
    project = etree.fromstring(qdpx.read("project.qde"))
    schema = etree.XMLSchema(etree.parse(SCHEMA))
    if not schema.validate(project):
        raise AssertionError(f"project.qde is not valid against Project.xsd: {schema.error_log}")
    assert project.get("origin", "").startswith("Discretion Spectrum"), project.attrib

    # Codes: name by GUID, and the GUIDs written one way (lower case).
    codes = {c.get("guid"): c.get("name") for c in project.iterfind(".//q:CodeBook//q:Code", NS)}
    assert all(g == g.lower() for g in codes), codes
    kinds = {name: guid for guid, name in codes.items() if name in KINDS.values()}
    assert len(kinds) == 3, codes
    assert len(set(codes.values())) == len(codes), "code names are unique"

    # The codebook file holds the same codes.
    book = etree.fromstring(export.read("codebook.qdc"))
    assert book.tag == "{urn:QDA-XML:codebook:1.0}CodeBook", book.tag
    assert {c.get("guid"): c.get("name") for c in book.iterfind(".//c:Code", CODEBOOK_NS)} == codes

    # Sources: every note a selection spanning exactly its text, coded with aspect and kind.
    variables = {v.get("guid"): v.get("name") for v in project.iterfind(".//q:Variables/q:Variable", NS)}
    sources = {}
    found = []
    for source in project.iterfind(".//q:Sources/q:TextSource", NS):
        path_in_zip = "sources/" + source.get("plainTextPath").removeprefix("internal://")
        raw = qdpx.read(path_in_zip)
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw, path_in_zip
        text = raw.decode("utf-8")
        sources[source.get("guid")] = source.get("name")
        for sel in source.iterfind("q:PlainTextSelection", NS):
            start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
            coded = sorted(codes[ref.get("targetGUID")] for ref in sel.iterfind("q:Coding/q:CodeRef", NS))
            found.append((source.get("name"), text[start:end], coded))

    notes = csv(export, "notes.csv")
    expected = []
    for _, row in notes.iterrows():
        expected.append((untick(row["pair_label"]), untick(row["text"]),
                         sorted([untick(row["aspect_text"]), KINDS[row["kind"]]])))
    assert sorted(found) == sorted(expected), (found, expected)
    assert any("\n" in text for _, text, _ in found), "the sample has a note of several lines"
    assert any(ord(ch) > 0xFFFF for _, text, _ in found for ch in text), "the sample has an emoji"

    # Cases: one per pair, each with its source, and its positions equal placements.csv.
    placements = csv(export, "placements.csv")
    cases = {}
    for case in project.iterfind(".//q:Cases/q:Case", NS):
        refs = [r.get("targetGUID") for r in case.iterfind("q:SourceRef", NS)]
        assert [sources[r] for r in refs] == [case.get("name")], "each case has its source, named after it"
        values = {}
        for value in case.iterfind("q:VariableValue", NS):
            name = variables[value.find("q:VariableRef", NS).get("targetGUID")]
            values[name] = value[1].text
        cases[case.get("name")] = values
    labels = sorted({untick(label) for label in placements["pair_label"]})
    assert sorted(cases) == labels, (sorted(cases), labels)
    for _, row in placements.iterrows():
        pair = untick(row["pair_label"])
        values = cases[pair]
        assert values["Site"] == untick(row["site"]) and values["Workshop date"] == row["date"], values
        assert values.get("Pair reference", "") == row["pair_reference"], (pair, values)
        name = f'{untick(row["aspect_text"])} – round {row["round"]}'
        if row["position"] == "":
            assert name not in values, (pair, name, values)
        else:
            assert float(values[name]) == float(row["position"]), (pair, name, values)
    print(f"ok: notes.qdpx of {path} ({len(found)} notes, {len(cases)} cases)")


if __name__ == "__main__":
    main(sys.argv[1])
