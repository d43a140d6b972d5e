#!/usr/bin/env bash
# Renders a chatmine report to PNG with headless Chromium, to look at the page as a reader does.
# Usage: bench/render-report.sh [REPORT_DIR_OR_INDEX_HTML] [OUT.png] [WIDTHxHEIGHT] [light|dark]
# Default: the demo report (./chatmine-demo/report/index.html) into bench/results/report.png.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${1:-$root/chatmine-demo/report}"
out="${2:-$root/bench/results/report.png}"
size="${3:-1400x3000}"
scheme="${4:-light}"
[ -d "$target" ] && target="$target/index.html"
[ -f "$target" ] || { echo "error: no report at $target (run 'chatmine demo' or 'chatmine report --out DIR')" >&2; exit 1; }
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[ -n "$browser" ] || { echo "error: no Chromium found; install it with 'apt-get install -y chromium'" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
flags=()
[ "$scheme" = dark ] && flags+=(--force-dark-mode --blink-settings=preferredColorScheme=0)
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --disable-features=Translate \
  "${flags[@]}" --window-size="${size/x/,}" --screenshot="$out" "file://$(cd "$(dirname "$target")" && pwd)/$(basename "$target")" 2>/dev/null
echo "wrote $out ($(du -k "$out" | cut -f1) KiB) from $target"
