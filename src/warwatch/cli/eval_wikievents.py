"""`warwatch eval wikievents PATH`: incident detection and roles scored on WikiEvents articles."""

from __future__ import annotations

import argparse
import json
import re
import sys
import time

from warwatch.models import Article, body_hash

GOLD_TYPES = ("Conflict.Attack", "Life.Die")
OUR_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "wikievents",
        help="score incident detection and actors/places on WikiEvents articles",
        description="Extract the incidents of each WikiEvents article (JSON lines with text, sentences and "
                    "event_mentions) and compare with the attack (Conflict.Attack.*) and death (Life.Die.*) "
                    "events: incident recall (gold event sentences covered by our evidence), precision (our "
                    "violent incidents whose evidence holds a gold attack or death), and how often the gold "
                    "Attacker, Target/Victim and Place match our actor1, actor2 and location.",
    )
    parser.add_argument("path", metavar="PATH", help="the JSON lines file")
    parser.set_defaults(func=run)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2 and w not in {"the", "and", "of"}}


def _match(gold: str, ours: str | None) -> bool:
    """A gold argument matches ours when they share a content word, or our actor names its alias."""
    if not ours:
        return False
    from warwatch.extract.actors import actor_table

    found = actor_table().mentions(gold)
    if found and found[0].actor.name_in(None).split(" (")[0].lower() in ours.lower():
        return True
    return bool(_words(gold) & _words(ours))


def _sentence_spans(doc: dict) -> list[tuple[int, int]]:
    spans = []
    for sentence in doc["sentences"]:
        tokens = sentence[0]
        spans.append((tokens[0][1], tokens[-1][2]))
    return spans


def run(args: argparse.Namespace) -> int:
    from warwatch.extract import extract

    try:
        with open(args.path, encoding="utf-8") as handle:
            docs = [json.loads(line) for line in handle if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        print(f"warwatch: cannot read {args.path}: {exc}", file=sys.stderr)
        return 2
    kinds = {"attack": "Conflict.Attack", "death": "Life.Die"}
    found = {k: 0 for k in kinds}
    total = {k: 0 for k in kinds}
    ours_total = ours_hit = 0
    roles = {"attacker": [0, 0], "target/victim": [0, 0], "place": [0, 0]}
    started = time.perf_counter()
    for doc in docs:
        text = doc["text"]
        article = Article(article_id=doc["doc_id"], text=text, body_hash=body_hash(text))
        # WikiEvents gives no dates: code against a fixed day so relative dates resolve
        import datetime as dt
        article = Article(article_id=article.article_id, text=text, body_hash=article.body_hash,
                          published=dt.date(2020, 1, 1))
        report = extract(article)
        spans = _sentence_spans(doc)
        violent = [c for c in report.candidates if c.event_type in OUR_TYPES]
        gold_sentences: dict[int, list[dict]] = {}
        for event in doc["event_mentions"]:
            if event["event_type"].startswith(GOLD_TYPES):
                gold_sentences.setdefault(event["trigger"]["sent_idx"], []).append(event)
        for kind, prefix in kinds.items():
            idxs = {e["trigger"]["sent_idx"] for e in doc["event_mentions"] if e["event_type"].startswith(prefix)}
            total[kind] += len(idxs)
            for idx in idxs:
                start, end = spans[idx]
                if any(ev.char_start < end and start < ev.char_end for c in violent for ev in c.evidence):
                    found[kind] += 1
        for c in violent:
            ours_total += 1
            hits = [i for i, (s, e) in enumerate(spans) if i in gold_sentences
                    and any(ev.char_start < e and s < ev.char_end for ev in c.evidence)]
            if hits:
                ours_hit += 1
            for idx in hits:
                for event in gold_sentences[idx]:
                    if not event["event_type"].startswith("Conflict.Attack"):
                        continue
                    for arg in event["arguments"]:
                        role = arg["role"]
                        if role == "Attacker":
                            key, ours = "attacker", c.actor1
                        elif role in ("Target", "Victim"):
                            key, ours = "target/victim", c.actor2
                        elif role == "Place":
                            key, ours = "place", c.place_ref.text if c.place_ref else None
                        else:
                            continue
                        roles[key][1] += 1
                        roles[key][0] += _match(arg["text"], ours)
    elapsed = time.perf_counter() - started
    print(f"WikiEvents: {len(docs)} articles ({args.path}), {len(docs) / elapsed:.1f} articles/s")
    for kind in kinds:
        recall = found[kind] / total[kind] if total[kind] else 0.0
        print(f"{kind:<7} incident recall {recall:.3f} ({found[kind]}/{total[kind]} gold event sentences found)")
    precision = ours_hit / ours_total if ours_total else 0.0
    print(f"incident precision {precision:.3f} ({ours_hit}/{ours_total} of our violent incidents hold a gold "
          f"attack or death)")
    for key, (hit, n) in roles.items():
        share = hit / n if n else 0.0
        print(f"{key:<14} matches {share:.3f} ({hit}/{n} gold arguments of matched attacks)")
    return 0
