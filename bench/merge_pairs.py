"""How much cross-report merging did on a coded database, and a sample of merged pairs to check by hand.

    warwatch code FA-KES-Dataset.csv --db fakes.db
    python bench/merge_pairs.py fakes.db --pairs 30 --seed 1

Prints the articles read, those found to be copies (exact or near-duplicate), the event
candidates (the events before merging), the events after merging, and how many events hold
reports of more than one article. Then it draws `--pairs` merged pairs at random (two reports of
one event from two different articles) and prints the event's coding, then each report's own
coding with the sentence that carries its incident, so a reader can judge whether the two report
the same incident.
"""

from __future__ import annotations

import argparse
import json
import random
import textwrap

from warwatch.store import EventQuery, open_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", help="a database coded by `warwatch code`")
    parser.add_argument("--pairs", type=int, default=30, help="merged pairs to print (default 30)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the sample")
    args = parser.parse_args()

    store = open_store(args.db)
    one = lambda sql: store.execute(sql).fetchone()[0]  # noqa: E731
    articles = one("SELECT COUNT(*) FROM articles")
    copies = one("SELECT COUNT(*) FROM articles WHERE copy_of IS NOT NULL")
    candidates = one("SELECT COUNT(*) FROM candidates")
    events = list(store.iter_events(EventQuery(order="event_date")))
    multi = [e for e in events if len({ev["article_id"] for ev in e["evidence"]}) > 1]
    print(f"articles {articles}, copies {copies} ({copies / max(articles, 1):.1%})")
    print(f"events before merging (candidates) {candidates}, after merging {len(events)} "
          f"({1 - len(events) / max(candidates, 1):.1%} fewer); events reported by 2+ articles {len(multi)}")

    pairs = []
    for event in multi:
        by_article: dict[str, str] = {}
        for key in event.get("members") or ():
            row = store.execute("SELECT article_id FROM candidates WHERE key = ?", (key,)).fetchone()
            if row:
                by_article.setdefault(row[0], key)
        ids = sorted(by_article)
        for i in range(len(ids)):
            for j in range(i + 1, len(ids)):
                pairs.append((event, (ids[i], by_article[ids[i]]), (ids[j], by_article[ids[j]])))
    rng = random.Random(args.seed)
    sample = rng.sample(pairs, min(args.pairs, len(pairs)))
    print(f"\n{len(pairs)} merged pairs; {len(sample)} drawn with seed {args.seed}\n")
    for n, (event, a, b) in enumerate(sample, 1):
        place = event.get("place") or {}
        print(f"[{n}] {event['event_id']} {event['event_date']} {event['sub_event_type']} | "
              f"{event['actor1']} / {event.get('actor2')} | {place.get('location')}, {place.get('admin1')} "
              f"| fatalities {event['fatalities']} ({event.get('fatalities_low')}-{event.get('fatalities_high')})")
        for article_id, key in (a, b):
            _print_candidate(store, article_id, key)
    store.close()


def _print_candidate(store, article_id: str, key: str) -> None:
    """One merged report as its article coded it: its own coding, the sentence that carries the
    incident (its key's span) and how many more sentences it drew on."""
    data = json.loads(store.execute("SELECT data FROM candidates WHERE article_id = ? AND key = ?",
                                    (article_id, key)).fetchone()[0])
    span = key.rsplit(":", 1)[-1]
    evidence = data.get("evidence") or []
    main = next((e for e in evidence if f"{e['char_start']}-{e['char_end']}" == span),
                evidence[0] if evidence else {"sentence": ""})
    ref = (data.get("place_ref") or {}).get("text")
    print(f"    {article_id}: {data['event_date']} {data['sub_event_type']} | {data['actor1']} / "
          f"{data.get('actor2')} | {ref} | fatalities {data.get('fatalities')} "
          f"(+{len(evidence) - 1} more sentences)")
    print(textwrap.fill(main["sentence"][:400], 110, initial_indent="      ", subsequent_indent="      "))


if __name__ == "__main__":
    main()
