"""The WikiEvents scorer: gold sentence spans, misses and the role comparison (documents written by us)."""

from __future__ import annotations

import argparse
import json

from warwatch.cli import eval_wikievents


def _doc(sentences: list[str], events: list[dict]) -> dict:
    """A WikiEvents-style record: token offsets count one separator between sentences, `text` has none."""
    tokens, records, offset = [], [], 0
    for sentence in sentences:
        sent_tokens, pos = [], 0
        for word in sentence.split(" "):
            sent_tokens.append([word, offset + pos, offset + pos + len(word)])
            pos += len(word) + 1
        records.append([sent_tokens, sentence])
        tokens.extend(t[0] for t in sent_tokens)
        offset += len(sentence) + 1
    return {"doc_id": "ours-1", "tokens": tokens, "text": "".join(sentences), "sentences": records,
            "entity_mentions": [], "relation_mentions": [], "event_mentions": events}


DOC = _doc(
    ["Bomb kills two in market town",
     "A roadside bomb exploded near a police patrol in the town of Kandahar on Monday, killing two policemen.",
     "The province has seen little rain this year, farmers said."],
    [{"id": "e1", "event_type": "Conflict.Attack.DetonateExplode",
      "trigger": {"start": 3, "end": 4, "text": "exploded", "sent_idx": 1},
      "arguments": [{"entity_id": "t1", "role": "Target", "text": "policemen"},
                    {"entity_id": "t2", "role": "Place", "text": "Kandahar"}]}])


def test_gold_sentence_spans_are_found_in_the_text_despite_the_token_offsets_drift():
    spans = eval_wikievents._sentence_spans(DOC)
    assert [DOC["text"][a:b] for a, b in spans] == [s[1] for s in DOC["sentences"]]
    # the token offsets alone would cut the second sentence one character late
    tokens = DOC["sentences"][1][0]
    assert DOC["text"][tokens[0][1]:tokens[-1][2]] != DOC["sentences"][1][1]


def test_eval_prints_recall_and_with_misses_the_role_mismatches(tmp_path, capsys):
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(DOC) + "\n", encoding="utf-8")
    assert eval_wikievents.run(argparse.Namespace(path=str(path), misses=True)) == 0
    out = capsys.readouterr().out
    assert "attack  incident recall 1.000 (1/1" in out
    assert "MISS" not in out
    assert "place          matches 1.000 (1/1" in out


def test_misses_name_the_stage_that_dropped_a_gold_sentence(tmp_path, capsys):
    doc = _doc(["Officials said the talks on water rights would resume next week in the capital."],
               [{"id": "e1", "event_type": "Conflict.Attack.Unspecified",
                 "trigger": {"start": 2, "end": 3, "text": "talks", "sent_idx": 0}, "arguments": []}])
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    eval_wikievents.run(argparse.Namespace(path=str(path), misses=True))
    out = capsys.readouterr().out
    assert "MISS attack ours-1#0 [talks] no trigger word" in out


def test_a_gold_head_word_is_read_with_the_alias_that_covers_it_in_its_sentence():
    text = "Taliban gunmen attacked the camp on Monday."
    start = text.index("gunmen")
    assert eval_wikievents._match("gunmen", "Taliban", (text, start, start + len("gunmen")))
    assert not eval_wikievents._match("gunmen", "Taliban")  # without its sentence: any armed group
