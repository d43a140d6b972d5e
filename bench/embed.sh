#!/usr/bin/env bash
# Sentence-embedding throughput and quality: chatmine (Swift) against the Python libraries, in one run.
#   static:      chatmine + WordLlama l2_supercat_256   vs  wordllama 0.4.0.post1        on 100k utterances
#   transformer: chatmine + all-MiniLM-L6-v2            vs  sentence-transformers (torch) on 2k utterances
# Both sides exclude model loading; runs alternate and each side keeps its best of RUNS. Then BANKING77:
# chatmine's vectors → scikit-learn KMeans (k = 77) → NMI / ARI.
# Usage: bench/embed.sh            (env: CHATMINE_MODELS_DIR to reuse models, RUNS=3, SMALL=2000,
#                                   ONLY=transformer for the MiniLM throughput alone, BUILD=0 to
#                                   use the binaries already built, PIN=0 to run every side on
#                                   core 0 alone: per-core figures, robust to torch's thread waits)
# The transformer runs as: the default build (Swift kernels for the build machine's AVX2/AVX-512);
# the portable build (CHATMINE_PORTABLE=1, SSE2, CHATMINE_BLAS=off); and the portable build with
# OpenBLAS found at run time, when the system has libopenblas.so.0 (apt-get install
# libopenblas0-pthread). Besides wall-clock throughput, each side's texts per CPU-second (user +
# sys) is shown: less sensitive to a shared machine's load (but torch's waiting threads count).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
small=${SMALL:-2000}
only=${ONLY:-all}
pin=()
[ -n "${PIN:-}" ] && pin=(taskset -c "$PIN")
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

# The default build (what `swift build -c release` gives a user: the build machine's vector
# instructions, see Package.swift) and the portable one (CHATMINE_PORTABLE=1: baseline x86-64, SSE2).
if [ "${BUILD:-1}" != 0 ]; then
    swift build -c release --product chatmine 2>&1 | tail -n 1
    CHATMINE_PORTABLE=1 swift build -c release --product chatmine --scratch-path .build-portable 2>&1 | tail -n 1
fi
bin=.build/release/chatmine
portable_bin=.build-portable/release/chatmine
helper=bench/embed_bench.py

python3 "$helper" corpus "$data" 100000 "$out/corpus100k.txt"
head -n "$small" "$out/corpus100k.txt" > "$out/corpus-small.txt"

swift_rate() { # model corpus [binary] → texts/s from chatmine's own summary line
    "${3:-$bin}" embed --embeddings "$1" "$2" --out "$out/vectors.f32" 2>&1 | sed -n 's/.*(\([0-9]*\) texts\/s.*/\1/p'
}
swift_rates() { # model corpus binary → "texts/s texts-per-CPU-second"
    local texts rate cpu
    texts=$(wc -l < "$2")
    rate=$("${pin[@]}" /usr/bin/time -f '%U %S' -o "$out/time.txt" "$3" embed --embeddings "$1" "$2" --out "$out/vectors.f32" 2>&1 |
        sed -n 's/.*(\([0-9]*\) texts\/s.*/\1/p')
    cpu=$(python3 -c "u, s = open('$out/time.txt').read().split()[-2:]; print(round($texts / (float(u) + float(s))))")
    echo "$rate $cpu"
}
python_rates() { # helper arguments → "texts/s texts-per-CPU-second"
    "${pin[@]}" python3 "$helper" "$@" 2>/dev/null | sed -n 's/.*= \([0-9]*\) texts\/s (\([0-9]*\) texts per CPU.*/\1 \2/p'
}
python_rate() { # helper arguments → texts/s
    python3 "$helper" "$@" 2>/dev/null | sed -n 's/.*= \([0-9]*\) texts\/s.*/\1/p'
}
max() { echo $(( $1 > $2 ? $1 : $2 )); }
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
# The machine is shared: runs alternate between the two sides and each side keeps its best.

echo "== $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
if [ "$only" != transformer ]; then
echo "== static: 100000 utterances, best of $runs alternating runs"
swift_static=0 python_static=0
for _ in $(seq "$runs"); do
    swift_static=$(max "$swift_static" "$(swift_rate "$models/wordllama" "$out/corpus100k.txt")")
    python_static=$(max "$python_static" "$(python_rate wordllama "$out/corpus100k.txt")")
done
echo "chatmine wordllama: $swift_static texts/s | python wordllama: $python_static texts/s | ratio $(ratio "$swift_static" "$python_static")"
fi

echo "== transformer: $small utterances, best of $runs alternating runs (texts/s, texts per CPU-second)${PIN:+, all on core $PIN}"
have_blas=$(ldconfig -p 2>/dev/null | grep -c libopenblas.so.0 || true)
declare -A wall cpu
keep() { # side "rate cpu_rate" → keeps the best of each
    set -- "$1" $2
    wall[$1]=$(max "${wall[$1]:-0}" "${2:-0}")
    cpu[$1]=$(max "${cpu[$1]:-0}" "${3:-0}")
}
for _ in $(seq "$runs"); do
    keep default "$(CHATMINE_BLAS=off swift_rates "$models/minilm" "$out/corpus-small.txt" "$bin")"
    keep python "$(python_rates minilm "$models/minilm" "$out/corpus-small.txt")"
    keep portable "$(CHATMINE_BLAS=off swift_rates "$models/minilm" "$out/corpus-small.txt" "$portable_bin")"
    if [ "$have_blas" -gt 0 ]; then
        keep blas "$(swift_rates "$models/minilm" "$out/corpus-small.txt" "$portable_bin")"
    fi
done
report() { # side label
    echo "$2: ${wall[$1]} texts/s (${cpu[$1]} per CPU-s) | ratio $(ratio "${wall[$1]}" "${wall[python]}") (CPU $(ratio "${cpu[$1]}" "${cpu[python]}"))"
}
echo "python sentence-transformers: ${wall[python]} texts/s (${cpu[python]} per CPU-s)"
report default "chatmine minilm, default build (build machine's vector instructions)"
report portable "chatmine minilm, portable build (CHATMINE_PORTABLE=1, pure Swift SSE2)"
[ "$have_blas" -gt 0 ] && report blas "chatmine minilm, portable build + OpenBLAS at run time"
echo "== load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"

[ "$only" = transformer ] && exit 0
echo "== BANKING77 test, KMeans k=77 on chatmine's vectors"
for model in wordllama minilm; do
    "$bin" embed --embeddings "$models/$model" "$data/test.csv" --out "$out/banking77-$model.npy" --quiet
    echo "$model: $(python3 "$helper" nmi "$out/banking77-$model.npy" "$data/test.csv")"
done
