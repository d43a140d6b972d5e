#!/usr/bin/env bash
# Throughput and quality of the PII redactor (Sources/ChatMine/Text/Redaction), release mode, one
# core, and the same corpus through scrubadub (the peer) when it is installed
# (`pip install scrubadub`). Usage: bench/redaction.sh [MESSAGES]   (default 1,000,000)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out/redaction
swiftc -O -wmo -module-name RedactionBench -lm -o bench/out/redaction-bench \
    Sources/ChatMine/Text/Redaction/*.swift bench/redaction/main.swift
ours=$(bench/out/redaction-bench "${1:-1000000}" | tee /dev/stderr | sed -n 's/^mixed chat, mask: .* = \([0-9]*\) messages\/s.*/\1/p')
if python3 -c "import scrubadub" 2>/dev/null; then
    bench/out/redaction-bench --dump messages 20000 > bench/out/redaction/messages.txt
    bench/out/redaction-bench --dump pii 5000 > bench/out/redaction/pii.txt
    bench/out/redaction-bench --dump lookalikes 5000 > bench/out/redaction/lookalikes.txt
    peer=$(python3 bench/redaction_peer.py bench/out/redaction 20000 | tee /dev/stderr | sed -n 's/^scrubadub.* = \([0-9]*\) messages\/s$/\1/p')
    echo "ratio (chatmine / scrubadub, mixed chat messages per second): $(python3 -c "print(f'{$ours / $peer:.0f}x')")"
else
    echo "scrubadub not installed: no peer run (pip install scrubadub)"
fi
