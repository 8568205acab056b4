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
                    "Attacker, Target/Victim and Place match our actor1, actor2 and location (a shared content "
                    "word, or the actor alias that covers the gold words, alone or read in their sentence: gold "
                    "'gunmen' of 'Taliban gunmen' is the Taliban). Gold sentences are found in the text by their "
                    "words: the file's token offsets count a separator between sentences that its text lacks.",
    )
    parser.add_argument("path", metavar="PATH", help="the JSON lines file")
    parser.add_argument("--misses", "--verbose", action="store_true", dest="misses",
                        help="also print each missed gold attack/death sentence with why it was missed (MISS), each "
                             "gold argument of a matched attack that our actor1/actor2/location did not match (ROLE), "
                             "and each violent incident of ours that holds no gold attack or death (EXTRA)")
    parser.set_defaults(func=run)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2 and w not in {"the", "and", "of"}}


def _match(gold: str, ours: str | None, context: tuple[str, int, int] | None = None) -> bool:
    """A gold argument matches ours when they share a content word, or our actor names its alias, or
    (read in its sentence, `context` = (text, start, end) of the argument there) the alias that covers
    it names our actor: the gold head word 'gunmen' of "Taliban gunmen" is the Taliban."""
    if not ours:
        return False
    from warwatch.extract.actors import actor_table

    def named(actor) -> bool:
        return actor.name_in(None).split(" (")[0].lower() in ours.lower()

    found = actor_table().mentions(gold)
    if found and named(found[0].actor):
        return True
    if context is not None:
        text, start, end = context
        if any(m.start < end and start < m.end and named(m.actor) for m in actor_table().mentions(text)):
            return True
    return bool(_words(gold) & _words(ours))


def _argument_spans(doc: dict, spans: list[tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """Each gold entity mention's span in `text`: its tokens' offsets moved to where its sentence lies."""
    tokens: list[tuple[int, int]] = []  # (start, end) in text of every token of the document, in order
    for (sentence_start, _), sentence in zip(spans, doc["sentences"]):
        base = sentence[0][0][1]
        tokens.extend((sentence_start + t[1] - base, sentence_start + t[2] - base) for t in sentence[0])
    found = {}
    for mention in doc.get("entity_mentions", []):
        if 0 <= mention["start"] < mention["end"] <= len(tokens):
            found[mention["id"]] = (tokens[mention["start"]][0], tokens[mention["end"] - 1][1])
    return found


def why_missed(sentences, start: int, end: int) -> str:
    """Why no violent incident covers the gold sentence [start, end): the first stage that dropped it."""
    from warwatch.extract.events import (_BACKGROUND, _CAPTION, _MODAL_BEFORE, _NEGATED, _PROGRESSIVE, _QUOTE,
                                         _REACTION)

    ours = [s for s in sentences if s.start < end and start < s.end]
    if not ours:
        return "no trigger word (sentence never coded)"
    reasons = []
    for s in ours:
        c = s.coding
        if c is None or c.sub_event_type is None:
            top = sorted(((v, k) for k, v in (c.scores if c else {}).items()), reverse=True)[:2]
            reasons.append("no ACLED coding" + (f" (scores {', '.join(f'{k} {v:g}' for v, k in top)})" if top else
                                                " (no cue)"))
        elif c.event_type not in OUR_TYPES and not s.incident:
            reasons.append(f"coded non-violent {c.sub_event_type}, and not an incident")
        elif c.event_type not in OUR_TYPES:
            reasons.append(f"coded non-violent {c.sub_event_type}")
        elif s.tally:
            reasons.append(f"{c.sub_event_type}: read as a tally")
        elif s.incident:
            reasons.append(f"{c.sub_event_type}: incident, but joined/dated out (no candidate)")
        else:
            text = s.text
            why = ("quoted" if s.quoted or _QUOTE.match(text) else "negated" if _NEGATED.search(text)
                   else "modal/intent" if _MODAL_BEFORE.search(text) and not re.search(
                       r"\b(?:killed|died|wounded|injured)\b", text)
                   else "background" if _BACKGROUND.search(text) else "reaction" if _REACTION.search(text)
                   else "caption" if _CAPTION.search(text) else "progressive, undated" if _PROGRESSIVE.search(text)
                   else "?")
            reasons.append(f"{c.sub_event_type}: rejected as {why}")
        if (s.start, s.end) != (start, end):
            reasons[-1] += f" [our sentence: {s.text[:160]!r}]"
    return "; ".join(reasons)


def _sentence_spans(doc: dict) -> list[tuple[int, int]]:
    """Each gold sentence's span in `text`. The token offsets count one separator between sentences that
    the file's `text` does not hold ("...in SyriaThe desert..."), so they drift by a character a sentence;
    each sentence is found in the text instead, in order, from where the previous one ended."""
    text = doc["text"]
    spans = []
    pos = 0
    for sentence in doc["sentences"]:
        tokens, raw = sentence[0], sentence[1]
        at = text.find(raw, pos)
        if at < 0:  # not found verbatim (never in the dev file): the token offsets as given
            at, end = tokens[0][1], tokens[-1][2]
        else:
            end = at + len(raw)
        spans.append((at, end))
        pos = end
    return spans


def run(args: argparse.Namespace) -> int:
    from warwatch.extract import extract
    from warwatch.extract.events import find_incidents

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
        arg_spans = _argument_spans(doc, spans)
        violent = [c for c in report.candidates if c.event_type in OUR_TYPES]
        gold_sentences: dict[int, list[dict]] = {}
        for event in doc["event_mentions"]:
            if event["event_type"].startswith(GOLD_TYPES):
                gold_sentences.setdefault(event["trigger"]["sent_idx"], []).append(event)
        for kind, prefix in kinds.items():
            idxs = {e["trigger"]["sent_idx"] for e in doc["event_mentions"] if e["event_type"].startswith(prefix)}
            total[kind] += len(idxs)
            for idx in sorted(idxs):
                start, end = spans[idx]
                if any(ev.char_start < end and start < ev.char_end for c in violent for ev in c.evidence):
                    found[kind] += 1
                elif args.misses:
                    _, sentences = find_incidents(article)
                    trigger = next(e["trigger"]["text"] for e in doc["event_mentions"]
                                   if e["event_type"].startswith(prefix) and e["trigger"]["sent_idx"] == idx)
                    print(f"MISS {kind} {doc['doc_id']}#{idx} [{trigger}] {why_missed(sentences, start, end)}\n"
                          f"     {text[start:end]}")
        for c in violent:
            ours_total += 1
            hits = [i for i, (s, e) in enumerate(spans) if i in gold_sentences
                    and any(ev.char_start < e and s < ev.char_end for ev in c.evidence)]
            if hits:
                ours_hit += 1
            elif args.misses:
                print(f"EXTRA {doc['doc_id']} {c.sub_event_type}: {c.evidence[0].sentence[:200]}")
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
                        where = arg_spans.get(arg.get("entity_id", ""))
                        context = (text, where[0], where[1]) if where else None
                        matched = _match(arg["text"], ours, context)
                        roles[key][0] += matched
                        if args.misses and not matched:
                            print(f"ROLE {key} {doc['doc_id']}#{idx}: gold {arg['text']!r} ours {ours!r} "
                                  f"({c.sub_event_type})")
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
