"""`warwatch eval case2021 PATH`: ACLED sub-type coding scored on CASE 2021 Shared Task 2."""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter

# The task's codes for ACLED's 25 sub-event types; the file's five other classes are left out.
CASE_CODES = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance", "AGREEMENT": "Agreement",
    "AIR_STRIKE": "Air/drone strike", "ARMED_CLASH": "Armed clash", "ARREST": "Arrests",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack", "ATTACK": "Attack",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity", "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use", "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory", "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established", "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory", "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest", "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention", "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence", "SUIC_BOMB": "Suicide bomb", "VIOL_DEMONSTR": "Violent demonstration",
}
EXTRA_CLASSES = ("DIPLO", "ATTRIB", "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER")
NO_EVENT = "(no event)"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "case2021",
        help="score ACLED sub-type coding on CASE 2021 task 2 snippets",
        description="Code each snippet of a CASE 2021 Shared Task 2 file (TSV with columns id, EventSnippet, "
                    "SubType) and print weighted F1 over the 25 ACLED sub-types, macro F1, accuracy, per-class "
                    "figures, the most frequent confusions and snippets per second. Rows labelled DIPLO, "
                    "ATTRIB, ORG_CRIME, NATURAL_DISASTER or MAN_MADE_DISASTER are left out; an ACLED snippet "
                    "coded as no event counts as an error.",
    )
    parser.add_argument("path", metavar="PATH", help="the TSV file")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="also print N misclassified snippets")
    parser.set_defaults(func=run)


def f1_table(gold: list[str], predicted: list[str]) -> dict[str, tuple[float, float, float, int]]:
    """Per gold class: precision, recall, F1 and support."""
    table = {}
    for label in sorted(set(gold)):
        tp = sum(1 for g, p in zip(gold, predicted) if g == p == label)
        fp = sum(1 for g, p in zip(gold, predicted) if p == label and g != label)
        fn = sum(1 for g, p in zip(gold, predicted) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[label] = (precision, recall, f1, tp + fn)
    return table


def run(args: argparse.Namespace) -> int:
    from warwatch.extract import classify_text

    try:
        with open(args.path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
    except OSError as exc:
        print(f"warwatch: cannot read {args.path}: {exc.strerror}", file=sys.stderr)
        return 2
    if not rows or not {"EventSnippet", "SubType"} <= set(rows[0]):
        print(f"warwatch: {args.path} is not a CASE 2021 task 2 file (columns id, EventSnippet, SubType)",
              file=sys.stderr)
        return 2
    unknown = sorted({r["SubType"] for r in rows} - set(CASE_CODES) - set(EXTRA_CLASSES))
    if unknown:
        print(f"warwatch: unknown labels left out: {', '.join(unknown)}", file=sys.stderr)
    rows = [r for r in rows if r["SubType"] in CASE_CODES]
    started = time.perf_counter()
    predicted = [classify_text(r["EventSnippet"])[1] or NO_EVENT for r in rows]
    elapsed = time.perf_counter() - started
    gold = [CASE_CODES[r["SubType"]] for r in rows]
    table = f1_table(gold, predicted)
    weighted = sum(f1 * n for _, _, f1, n in table.values()) / len(gold)
    macro = sum(f1 for _, _, f1, _ in table.values()) / len(table)
    accuracy = sum(g == p for g, p in zip(gold, predicted)) / len(gold)
    print(f"CASE 2021 task 2, 25 ACLED classes: {len(gold)} snippets ({args.path})")
    print(f"weighted F1 {weighted:.3f}   macro F1 {macro:.3f}   accuracy {accuracy:.3f}   "
          f"{len(gold) / elapsed:.0f} snippets/s")
    print(f"\n{'class':<38} {'P':>5} {'R':>5} {'F1':>5} {'n':>4}")
    for label, (p, r, f1, n) in sorted(table.items(), key=lambda kv: kv[1][2]):
        print(f"{label:<38} {p:5.2f} {r:5.2f} {f1:5.2f} {n:4d}")
    print("\nconfusions (gold -> coded), most frequent first:")
    for (g, p), n in Counter((g, p) for g, p in zip(gold, predicted) if g != p).most_common(20):
        print(f"{n:4d}  {g} -> {p}")
    shown = 0
    for r, g, p in zip(rows, gold, predicted):
        if shown < args.errors and g != p:
            print(f"\n[{r.get('id')}] gold {g}, coded {p}\n  {r['EventSnippet'][:300]}")
            shown += 1
    return 0
