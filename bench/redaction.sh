#!/usr/bin/env bash
# Throughput and quality of the PII redactor (Sources/ChatMine/Text/Redaction), release mode, one core.
# Usage: bench/redaction.sh [MESSAGES]   (default 1,000,000)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
swiftc -O -wmo -module-name RedactionBench -lm -o bench/out/redaction-bench \
    Sources/ChatMine/Text/Redaction/*.swift bench/redaction/main.swift 2>&1 | grep -v "^$" || true
bench/out/redaction-bench "${1:-1000000}"
