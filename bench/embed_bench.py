#!/usr/bin/env python3
"""Helpers for bench/embed.sh: the utterance corpus, the Python peers' throughput, and
clustering quality (KMeans with the true k, NMI) of vectors chatmine wrote.

  embed_bench.py corpus BANKING77_DIR N OUT      N utterances, one per line (deterministic)
  embed_bench.py wordllama FILE                  WordLlama 0.4.0.post1 l2_supercat_256 throughput
  embed_bench.py minilm MODEL_DIR FILE           sentence-transformers all-MiniLM-L6-v2 throughput
  embed_bench.py nmi VECTORS.npy LABELLED.csv    KMeans (k = number of labels) NMI / ARI, in %
  embed_bench.py nmi-python wordllama|minilm MODEL_DIR LABELLED.csv   the same for the peer's vectors
"""
import csv
import os
import random
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "true")


def read_labelled(path):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    label_column = "category" if "category" in rows[0] else "label"
    return [row["text"] for row in rows], [row[label_column] for row in rows]


def corpus(folder, count, out):
    texts = []
    for name in ("train.csv", "test.csv"):
        texts += read_labelled(os.path.join(folder, name))[0]
    texts = [" ".join(t.split()) for t in texts]
    rng = random.Random(42)
    lines = list(texts)
    while len(lines) < count:
        # Mix halves of two real queries: realistic length and vocabulary, few exact repeats.
        a, b = rng.choice(texts).split(), rng.choice(texts).split()
        lines.append(" ".join(a[: max(1, len(a) // 2)] + b[len(b) // 2:]))
    rng.shuffle(lines)
    with open(out, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines[:count]) + "\n")


def read_lines(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read().split("\n")[:-1]


def wordllama_model():
    # WordLlama.load() looks for its tokenizer in "tokenizer/" but the wheel ships "tokenizers/"
    # (so it tries to download it); build the same inference object from the wheel's own files.
    import wordllama
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer
    from wordllama.inference import WordLlamaInference
    root = os.path.dirname(wordllama.__file__)
    embedding = load_file(os.path.join(root, "weights", "l2_supercat_256.safetensors"))["embedding.weight"]
    tokenizer = Tokenizer.from_file(os.path.join(root, "tokenizers", "l2_supercat_tokenizer_config.json"))
    return WordLlamaInference(embedding, tokenizer)


def minilm_model(model_dir):
    import torch
    from sentence_transformers import SentenceTransformer
    torch.set_num_threads(len(os.sched_getaffinity(0)))  # the cores this process may use (taskset)
    return SentenceTransformer(model_dir, device="cpu")


def timed(label, texts, embed):
    embed(texts[:64])  # warm-up
    start, cpu_start = time.perf_counter(), time.process_time()
    vectors = embed(texts)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(f"{label}: {len(texts)} texts in {seconds:.3f} s = {len(texts) / seconds:.0f} texts/s "
          f"({len(texts) / cpu:.0f} texts per CPU-second)", flush=True)
    return vectors


def nmi(vectors, labels):
    import numpy as np
    from sklearn.cluster import KMeans
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
    k = len(set(labels))
    vectors = np.asarray(vectors, dtype=np.float32)
    assigned = KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(vectors)
    return 100 * normalized_mutual_info_score(labels, assigned), 100 * adjusted_rand_score(labels, assigned)


def main(argv):
    command = argv[1]
    if command == "corpus":
        corpus(argv[2], int(argv[3]), argv[4])
    elif command == "wordllama":
        model = wordllama_model()
        timed("python wordllama", read_lines(argv[2]), lambda t: model.embed(t, norm=True))
    elif command == "minilm":
        model = minilm_model(argv[2])
        timed("python sentence-transformers", read_lines(argv[3]),
              lambda t: model.encode(t, normalize_embeddings=True, batch_size=32))
    elif command == "nmi":
        import numpy as np
        texts, labels = read_labelled(argv[3])
        score, ari = nmi(np.load(argv[2]), labels)
        print(f"NMI {score:.1f}  ARI {ari:.1f}  ({len(texts)} texts, k={len(set(labels))})")
    elif command == "nmi-python":
        texts, labels = read_labelled(argv[4])
        if argv[2] == "wordllama":
            vectors = wordllama_model().embed(texts, norm=True)
        else:
            vectors = minilm_model(argv[3]).encode(texts, normalize_embeddings=True)
        score, ari = nmi(vectors, labels)
        print(f"python {argv[2]}: NMI {score:.1f}  ARI {ari:.1f}")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
