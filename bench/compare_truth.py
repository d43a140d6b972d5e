#!/usr/bin/env python3
"""Compares the outcomes chatmine stored with the generator's ground truth.

Usage: bench/compare_truth.py STORE.sqlite TRUTH.jsonl
Prints the agreement on outcome, true deflection (24 h return) and durable resolution (7 d return),
the confusion of outcomes, and a few disagreeing conversations with their user turns.
"""
import collections
import json
import sqlite3
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    db = sqlite3.connect(sys.argv[1])
    stored = {row[0]: row[1:] for row in db.execute(
        "SELECT c.external_id, o.outcome, o.next_started_at, o.ended_at, o.user_id, o.csat FROM outcomes o JOIN conversations c ON c.id = o.conversation_id")}
    truth = {}
    with open(sys.argv[2]) as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("type") == "conversation":
                truth[record["conversation_id"]] = record
    both = [c for c in truth if c in stored]
    agree = sum(1 for c in both if stored[c][0] == truth[c]["outcome"])
    confusion = collections.Counter((truth[c]["outcome"], stored[c][0]) for c in both if stored[c][0] != truth[c]["outcome"])

    def returned(c, window):
        _, nxt, end, user, _ = stored[c]
        return nxt is not None and end is not None and nxt - end <= window

    r24 = sum(1 for c in both if returned(c, 86_400_000) == bool(truth[c]["returns_within_24h"]))
    r7 = sum(1 for c in both if returned(c, 7 * 86_400_000) == bool(truth[c]["returns_within_7d"]))
    csat = sum(1 for c in both if (stored[c][4] is None and truth[c].get("csat") is None)
               or (stored[c][4] is not None and truth[c].get("csat") is not None and float(stored[c][4]) == float(truth[c]["csat"])))
    n = len(both)
    print(f"conversations in truth {len(truth)}, in store {len(stored)}, compared {n}")
    print(f"outcome agreement {agree}/{n} = {100 * agree / max(n, 1):.2f}%")
    print(f"return-within-24h agreement {r24}/{n} = {100 * r24 / max(n, 1):.2f}%")
    print(f"return-within-7d agreement {r7}/{n} = {100 * r7 / max(n, 1):.2f}%")
    print(f"CSAT agreement {csat}/{n} = {100 * csat / max(n, 1):.2f}%")
    for (expected, got), count in confusion.most_common():
        print(f"  truth {expected:<10} stored {got:<10} {count}")
    shown = 0
    for c in both:
        if stored[c][0] != truth[c]["outcome"] and shown < 8:
            shown += 1
            turns = db.execute("SELECT role, text, intent, confidence FROM turns t JOIN conversations c ON c.id = t.conversation_id WHERE c.external_id = ? ORDER BY t.ts, t.id", (c,)).fetchall()
            events = db.execute("SELECT kind, score FROM events e JOIN conversations c ON c.id = e.conversation_id WHERE c.external_id = ?", (c,)).fetchall()
            print(f"-- {c}: truth {truth[c]['outcome']}, stored {stored[c][0]}; events {events}")
            for role, text, intent, confidence in turns:
                print(f"   {role:>5}: {text!r} ({intent}, {confidence})")


if __name__ == "__main__":
    main()
