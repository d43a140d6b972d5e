"""The peer for bench/cluster.sh: scikit-learn TF-IDF + KMeans (MiniBatchKMeans from 100k rows)
with the true number of clusters, on a CSV text,category. Prints JSON: seconds, nmi, k."""
import csv, json, sys, time

from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import normalized_mutual_info_score

path = sys.argv[1]
with open(path, newline="", encoding="utf-8") as f:
    rows = [(r["text"], r["category"]) for r in csv.DictReader(f)]
texts = [t for t, _ in rows]
labels = [l for _, l in rows]
k = len(set(labels))
start = time.perf_counter()
x = TfidfVectorizer(sublinear_tf=True, min_df=2).fit_transform(texts)
if len(texts) >= 100_000:
    model = MiniBatchKMeans(n_clusters=k, random_state=0, batch_size=4096, n_init=3)
else:
    model = KMeans(n_clusters=k, random_state=0, n_init=5)
predicted = model.fit_predict(x)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "nmi": normalized_mutual_info_score(labels, predicted), "k": k}))
