#!/usr/bin/env bash
# Sentence-embedding throughput and quality: chatmine (Swift) against the Python libraries, in one run.
#   static:      chatmine + WordLlama l2_supercat_256   vs  wordllama 0.4.0.post1        on 100k utterances
#   transformer: chatmine + all-MiniLM-L6-v2            vs  sentence-transformers (torch) on 2k utterances
# Both sides exclude model loading; runs alternate and each side keeps its best of RUNS. Then BANKING77:
# chatmine's vectors → scikit-learn KMeans (k = 77) → NMI / ARI.
# Usage: bench/embed.sh            (env: CHATMINE_MODELS_DIR to reuse models, RUNS=3, SMALL=2000)
# The transformer runs as: the portable build (pure Swift, CHATMINE_BLAS=off); a build with the
# CPU's vector instructions (CHATMINE_SIMD16 + -mavx2/-mfma[/-mavx512f], when the CPU has them);
# and the portable build with OpenBLAS found at run time, when the system has libopenblas.so.0
# (apt-get install libopenblas0-pthread).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
small=${SMALL:-2000}
# The evaluation data sits beside the repository (../shared/data); a worktree is one level deeper.
data=${CHATMINE_DATA:-../shared/data}/banking77
[ -d "$data" ] || data=../../shared/data/banking77
out=bench/out/embed
mkdir -p "$out"
export HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=true

models=${CHATMINE_MODELS_DIR:-bench/out/models}
bench/fetch-models.sh "$models" >/dev/null
python3 -c "import wordllama, sentence_transformers, sklearn" 2>/dev/null ||
    python3 -m pip install --quiet wordllama==0.4.0.post1 sentence-transformers scikit-learn

swift build -c release --product chatmine 2>&1 | tail -n 1
bin=.build/release/chatmine
simd_bin=""
if grep -qw avx2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo; then
    flags=(-Xswiftc -DCHATMINE_SIMD16 -Xswiftc -Xcc -Xswiftc -mavx2 -Xswiftc -Xcc -Xswiftc -mfma -Xswiftc -Xcc -Xswiftc -mf16c)
    if grep -qw avx512f /proc/cpuinfo; then flags+=(-Xswiftc -Xcc -Xswiftc -mavx512f); fi
    swift build -c release --product chatmine --scratch-path .build-simd "${flags[@]}" 2>&1 | tail -n 1
    simd_bin=.build-simd/release/chatmine
fi
helper=bench/embed_bench.py

python3 "$helper" corpus "$data" 100000 "$out/corpus100k.txt"
head -n "$small" "$out/corpus100k.txt" > "$out/corpus-small.txt"

swift_rate() { # model corpus [binary] → texts/s from chatmine's own summary line
    "${3:-$bin}" embed --embeddings "$1" "$2" --out "$out/vectors.f32" 2>&1 | sed -n 's/.*(\([0-9]*\) texts\/s.*/\1/p'
}
python_rate() { # helper arguments → texts/s
    python3 "$helper" "$@" 2>/dev/null | sed -n 's/.*= \([0-9]*\) texts\/s.*/\1/p'
}
max() { echo $(( $1 > $2 ? $1 : $2 )); }
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
# The machine is shared: runs alternate between the two sides and each side keeps its best.

echo "== $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
echo "== static: 100000 utterances, best of $runs alternating runs"
swift_static=0 python_static=0
for _ in $(seq "$runs"); do
    swift_static=$(max "$swift_static" "$(swift_rate "$models/wordllama" "$out/corpus100k.txt")")
    python_static=$(max "$python_static" "$(python_rate wordllama "$out/corpus100k.txt")")
done
echo "chatmine wordllama: $swift_static texts/s | python wordllama: $python_static texts/s | ratio $(ratio "$swift_static" "$python_static")"

echo "== transformer: $small utterances, best of $runs alternating runs"
have_blas=$(ldconfig -p 2>/dev/null | grep -c libopenblas.so.0 || true)
swift_plain=0 swift_simd=0 swift_blas=0 python_minilm=0
for _ in $(seq "$runs"); do
    swift_plain=$(max "$swift_plain" "$(CHATMINE_BLAS=off swift_rate "$models/minilm" "$out/corpus-small.txt")")
    python_minilm=$(max "$python_minilm" "$(python_rate minilm "$models/minilm" "$out/corpus-small.txt")")
    if [ -n "$simd_bin" ]; then
        swift_simd=$(max "$swift_simd" "$(CHATMINE_BLAS=off swift_rate "$models/minilm" "$out/corpus-small.txt" "$simd_bin")")
    fi
    if [ "$have_blas" -gt 0 ]; then
        swift_blas=$(max "$swift_blas" "$(swift_rate "$models/minilm" "$out/corpus-small.txt")")
    fi
done
echo "python sentence-transformers: $python_minilm texts/s"
echo "chatmine minilm, portable build (pure Swift): $swift_plain texts/s | ratio $(ratio "$swift_plain" "$python_minilm")"
[ -n "$simd_bin" ] && echo "chatmine minilm, CHATMINE_SIMD16 + CPU vector flags: $swift_simd texts/s | ratio $(ratio "$swift_simd" "$python_minilm")"
[ "$have_blas" -gt 0 ] && echo "chatmine minilm, portable build + OpenBLAS at run time: $swift_blas texts/s | ratio $(ratio "$swift_blas" "$python_minilm")"
echo "== load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== BANKING77 test, KMeans k=77 on chatmine's vectors"
for model in wordllama minilm; do
    "$bin" embed --embeddings "$models/$model" "$data/test.csv" --out "$out/banking77-$model.npy" --quiet
    echo "$model: $(python3 "$helper" nmi "$out/banking77-$model.npy" "$data/test.csv")"
done
