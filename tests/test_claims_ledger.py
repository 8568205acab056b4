"""`warwatch claims`: the ledger flags sources that disagree, and only those."""

from __future__ import annotations

from pathlib import Path

from warwatch.cli import main

ROOT = Path(__file__).resolve().parents[1]

# Written by us: another outlet's report of the Thursday car bomb of samples/scraped-hajin-offensive.txt,
# with another toll than the sample's.
SECOND_REPORT = """December 1, 2018
DEIR EZ-ZOR, Syria — A suicide car bomber struck a checkpoint of the Syrian Democratic Forces near Hajin on Thursday, killing six fighters, an SDF commander said.
"""

# Written by us: one report whose figures are parts of one toll.
PARTS = """March 3, 2016
BEIRUT — Government air strikes killed 31 people in the town of Saraqeb in Idlib province on Wednesday, the Syrian Observatory for Human Rights said. Nine children and seven women were among the dead, it said.
"""


def _ledger(tmp_path: Path, capsys, *pages: str) -> str:
    paths = []
    for i, text in enumerate(pages):
        path = tmp_path / f"page-{i}.txt"
        path.write_text(text)
        paths.append(str(path))
    db = str(tmp_path / "ledger.db")
    assert main(["code", *paths, "--db", db]) == 0
    capsys.readouterr()
    assert main(["claims", "--db", db, "--scope", "incident"]) == 0
    return capsys.readouterr().out


def test_two_sources_giving_two_tolls_for_one_incident_disagree(tmp_path, capsys):
    sample = (ROOT / "samples" / "scraped-hajin-offensive.txt").read_text()
    out = _ledger(tmp_path, capsys, sample, SECOND_REPORT)
    bomb = [block for block in out.split("\n") if block and not block.startswith(" ")]
    flagged = [line for line in bomb if "DISAGREE" in line]
    assert len(flagged) == 1 and flagged[0].startswith("killed"), out
    block = out[out.index(flagged[0]):].split("\n")
    assert any(line.strip().startswith("4 ") for line in block[1:5]), out
    assert any(line.strip().startswith("6 ") for line in block[1:5]), out


def test_children_and_women_among_the_dead_are_parts_of_one_toll_not_a_disagreement(tmp_path, capsys):
    out = _ledger(tmp_path, capsys, PARTS)
    assert "31" in out and "children" in out, out
    assert "DISAGREE" not in out, out


# Written by us: a vague figure ("most of the attackers", coded 3 by convention) and the exact one.
VAGUE_THEN_EXACT = """February 9, 2019
BEIRUT — Eight gunmen attacked an army checkpoint near the town of Saraqeb in Idlib province on Saturday and fought soldiers for hours until most of the attackers were killed, the Syrian Observatory for Human Rights said. It said six attackers were killed, while two fled.
"""


def test_a_vague_figure_beside_the_exact_one_is_no_disagreement(tmp_path, capsys):
    out = _ledger(tmp_path, capsys, VAGUE_THEN_EXACT)
    assert "most of the attackers" in out and "six attackers" in out, out
    assert "DISAGREE" not in out, out
