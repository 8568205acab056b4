"""How much cross-report merging did on a coded database, and a sample of merged pairs to check by hand.

    warwatch code FA-KES-Dataset.csv --db fakes.db
    python bench/merge_pairs.py fakes.db --pairs 30 --seed 1

Prints the articles read, those found to be copies (exact or near-duplicate), the event
candidates (the events before merging), the events after merging, and how many events hold
reports of more than one article. Then it draws `--pairs` merged pairs at random (two evidence
sentences of one event from two different articles) and prints each with the event's coding,
so a reader can judge whether the two sentences report the same incident.
"""

from __future__ import annotations

import argparse
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
        by_article: dict[str, dict] = {}
        for ev in event["evidence"]:
            by_article.setdefault(ev["article_id"], ev)
        ids = sorted(by_article)
        for i in range(len(ids)):
            for j in range(i + 1, len(ids)):
                pairs.append((event, by_article[ids[i]], by_article[ids[j]]))
    rng = random.Random(args.seed)
    sample = rng.sample(pairs, min(args.pairs, len(pairs)))
    print(f"\n{len(pairs)} merged pairs; {len(sample)} drawn with seed {args.seed}\n")
    for n, (event, a, b) in enumerate(sample, 1):
        place = event.get("place") or {}
        print(f"[{n}] {event['event_id']} {event['event_date']} {event['sub_event_type']} | "
              f"{event['actor1']} / {event.get('actor2')} | {place.get('location')}, {place.get('admin1')} "
              f"| fatalities {event['fatalities']} ({event.get('fatalities_low')}-{event.get('fatalities_high')})")
        for ev in (a, b):
            print(textwrap.fill(f"{ev['article_id']}: {ev['sentence']}", 110, initial_indent="    ",
                                subsequent_indent="      "))
    store.close()


if __name__ == "__main__":
    main()
