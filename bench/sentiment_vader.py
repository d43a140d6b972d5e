#!/usr/bin/env python3
"""VADER's side of bench/sentiment.sh.

Usage: python3 bench/sentiment_vader.py lines FILE      -> scores every line, prints msgs/s
       python3 bench/sentiment_vader.py tweets FILE     -> Pearson r and macro-F1 on VADER's ground truth
"""
import sys
import time

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


def lines(path):
    with open(path, encoding="utf-8") as handle:
        texts = handle.read().split("\n")
    if texts and texts[-1] == "":
        texts.pop()
    analyzer = SentimentIntensityAnalyzer()
    start = time.perf_counter()
    cpu_start = time.process_time()
    total = 0.0
    for text in texts:
        total += analyzer.polarity_scores(text)["compound"]
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    print(f"vader_messages {len(texts)}")
    print(f"vader_seconds {seconds:.3f} wall, {cpu:.3f} cpu (scoring loop only; file already in memory)")
    print(f"vader_rate {len(texts) / seconds:.0f}")
    print(f"vader_cpu_rate {len(texts) / cpu:.0f}")


def tweets(path):
    analyzer = SentimentIntensityAnalyzer()
    truth, scores = [], []
    with open(path, encoding="utf-8", newline="") as handle:
        for line in handle:
            line = line.rstrip("\r\n")
            if not line:
                continue
            _, mean, text = line.split("\t", 2)
            truth.append(float(mean))
            scores.append(analyzer.polarity_scores(text)["compound"])
    n = len(truth)
    mt, ms = sum(truth) / n, sum(scores) / n
    cov = sum((a - mt) * (b - ms) for a, b in zip(truth, scores))
    vt = sum((a - mt) ** 2 for a in truth)
    vs = sum((b - ms) ** 2 for b in scores)
    r = cov / (vt * vs) ** 0.5
    tp = fp = tn = fn = 0
    for t, s in zip(truth, scores):
        if t == 0:
            continue
        if t > 0 and s >= 0:
            tp += 1
        elif t > 0:
            fn += 1
        elif s >= 0:
            fp += 1
        else:
            tn += 1
    f1p = 2 * tp / (2 * tp + fp + fn)
    f1n = 2 * tn / (2 * tn + fn + fp)
    print(f"vader_tweets n={n} pearson_r={r:.4f} macro_f1={(f1p + f1n) / 2:.4f} accuracy={(tp + tn) / (tp + tn + fp + fn):.4f}")


{"lines": lines, "tweets": tweets}[sys.argv[1]](sys.argv[2])
