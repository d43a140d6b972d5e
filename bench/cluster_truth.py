"""Scores `chatmine cluster` against `chatmine generate --truth`: NMI/ARI of the latest run's
clusters (noise = one more cluster) against each candidate turn's true intent, over the
candidates whose true intent the bot does not know, and over all candidates.
Usage: python3 bench/cluster_truth.py STORE.sqlite TRUTH.jsonl"""
import json, sqlite3, sys
from collections import Counter

from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

db, truth_path = sys.argv[1], sys.argv[2]
truth = {}
with open(truth_path, encoding="utf-8") as f:
    for line in f:
        record = json.loads(line)
        if record.get("type") == "turn":
            truth[record["message_id"]] = (record["intent"], record["known"])
con = sqlite3.connect(db)
run = con.execute("SELECT MAX(id) FROM cluster_runs").fetchone()[0]
clusters = dict(con.execute("""
    SELECT t.message_id, c.lineage_id FROM cluster_members m
    JOIN clusters c ON c.id = m.cluster_id JOIN turns t ON t.id = m.turn_id
    WHERE c.cluster_run_id = ?""", (run,)))
candidates = [r[0] for r in con.execute("""
    SELECT t.message_id FROM turns t WHERE t.role = 'user' AND (
        lower(trim(coalesce(t.intent, ''))) IN ('', 'fallback', 'nlu_fallback', 'out_of_scope', 'default_fallback',
            'default fallback intent', 'none', 'amazon.fallbackintent', 'fallbackintent')
        OR (t.confidence IS NOT NULL AND t.confidence < 0.5)
        OR EXISTS (SELECT 1 FROM events e WHERE e.conversation_id = t.conversation_id AND e.kind = 'fallback'
                   AND e.ts >= t.ts AND e.ts < coalesce((SELECT MIN(u.ts) FROM turns u WHERE u.conversation_id = t.conversation_id
                   AND u.role = 'user' AND u.ts > t.ts), 1e18)))""")]
def score(ids, title):
    ids = [i for i in ids if i in truth]
    predicted = [clusters.get(i, "noise") for i in ids]
    actual = [truth[i][0] for i in ids]
    noise = sum(p == "noise" for p in predicted)
    print(f"{title}: {len(ids)} turns, {len(set(actual))} true intents, {len(set(predicted) - {'noise'})} clusters, "
          f"noise {noise / max(1, len(ids)) * 100:.1f}%, NMI {normalized_mutual_info_score(actual, predicted) * 100:.1f}, "
          f"ARI {adjusted_rand_score(actual, predicted) * 100:.1f}")
    return Counter(actual)
unknown = [i for i in candidates if i in truth and not truth[i][1]]
score(unknown, "unknown-intent candidates")
score(candidates, "all candidates")
