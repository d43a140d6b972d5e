#!/usr/bin/env python3
"""Writes N deterministic chat-like messages (English, some Chinese and mixed), one per line.

Usage: python3 bench/sentiment_messages.py N OUT [--english-only]
"""
import random
import sys

OPENERS = ["", "hi", "hello", "hey", "ok", "so", "um", "well", "please", "sorry but", "honestly", "ugh", "lol"]
SUBJECTS = ["my order", "the app", "my card", "the refund", "my account", "the delivery", "your bot", "the agent",
            "this service", "the payment", "my password", "the update", "the website", "my parcel", "the hotel room"]
VERBS = ["is", "was", "seems", "has been", "still is", "is not", "isn't", "was really", "is sooo", "is kind of"]
ADJECTIVES = ["great", "late", "broken", "useless", "fine", "amazing", "slow", "terrible", "ok", "confusing",
              "helpful", "not working", "perfect", "awful", "good", "bad", "frustrating", "fast", "WRONG", "missing"]
TAILS = ["", "!", "!!", "?", "??", " :)", " :(", " thanks", " thx", " 😡", " 👍", " 😂", " wtf", " again",
         " but the agent was nice", " and I want a refund", ", still waiting", " since yesterday", " lol", "..."]
QUESTIONS = ["where is my order", "how do I reset my password", "can I talk to a human", "what are your opening hours",
             "I want to cancel my subscription", "why was I charged twice", "thank you so much", "this is ridiculous",
             "is there a fee for transfers", "my card was declined again", "you are the best", "that didn't help at all"]
CHINESE = ["我的订单到哪了", "退款什么时候到账", "服务态度很好，谢谢", "太慢了，等了一个小时", "我要投诉，没人管",
           "这个app太垃圾了", "房间很干净，推荐", "还可以吧", "转人工", "不错不错", "密码怎么重置", "一点也不满意",
           "快递丢了怎么办", "非常感谢你的帮助", "为什么扣了两次钱"]
MIXED = ["这个app很good", "refund还没到账", "客服说ok但是没解决", "thanks 谢谢", "太slow了"]


def message(rng, english_only):
    kind = rng.random()
    if not english_only and kind < 0.12:
        return rng.choice(CHINESE) + rng.choice(["", "！", "？", "。", "😡", "👍"])
    if not english_only and kind < 0.16:
        return rng.choice(MIXED)
    if kind < 0.45:
        return (rng.choice(OPENERS) + " " + rng.choice(QUESTIONS) + rng.choice(TAILS)).strip()
    text = " ".join(part for part in [rng.choice(OPENERS), rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(ADJECTIVES)] if part)
    return text + rng.choice(TAILS)


def main():
    count = int(sys.argv[1])
    out = sys.argv[2]
    english_only = "--english-only" in sys.argv
    rng = random.Random(20261125)
    with open(out, "w", encoding="utf-8") as handle:
        for _ in range(count):
            handle.write(message(rng, english_only) + "\n")


main()
