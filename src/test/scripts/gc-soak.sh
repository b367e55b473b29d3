#!/usr/bin/env bash
# GC soak of the training step: short identical runs under GC pressure must give bitwise the losses of a
# reference run, and runs on a crowded machine must never turn NaN. Guards against the DJL behaviour
# described in src/site/markdown/djl-scalar-operands.md (a Number operand freed before the backward).
#
#   mvn -B -q -DskipTests package            # builds target/classes, target/test-classes, target/lib
#   bash src/test/scripts/gc-soak.sh [xmn_runs=20] [parallel_runs=60] [parallel=4]
#
# Phase 1: xmn_runs runs under -Xmn4m (a young collection every few iterations), alternating random and
# guided masking, each compared bitwise (per-iteration train/loss and train/grad_norm as float bits) with a
# reference run of the same mask in a default JVM. Phase 2: parallel_runs runs, `parallel` JVMs at a time on
# this machine, counted NaN (a diverged run exits non-zero) and compared with the reference too.
# Prints one summary line per phase; exits 1 if any run was NaN or differed. Work folder: $SOAK_DIR
# (default /tmp/mae4j-soak); MAE4J_HOME = the checkout whose build is soaked (default: this one); REF_FROM = the
# work folder of an earlier soak whose reference traces to compare against (default: run them here);
# SOAK_OVERRIDES = extra config overrides for every run, references included (e.g. train.fused_adamw=true).
set -uo pipefail
home=${MAE4J_HOME:-$(cd "$(dirname "$0")/../../.." && pwd)}
xmn_runs=${1:-20}
par_runs=${2:-60}
par=${3:-4}
work=${SOAK_DIR:-/tmp/mae4j-soak}
export DJL_CACHE_DIR=${DJL_CACHE_DIR:-$HOME/.djl.ai}
cp="$home/target/test-classes:$home/target/classes:$home/target/lib/*"
[ -f "$home/target/test-classes/io/mae4j/train/LossTrace.class" ] || {
  echo "gc-soak: $home/target/test-classes has no LossTrace: run 'mvn -B -q -DskipTests package' in $home first" >&2
  exit 2
}
rm -rf "$work" && mkdir -p "$work"
S=(data=synthetic_silhouette "data.root=$work/data" data.synth.classes=3 data.synth.train_per_class=32
   data.synth.val_per_class=8 train.batch_size=16 train.epochs=2 seed=2 tensorboard.log_every=1
   train.log_every=1 eval.every=0 analysis.every=0 data.num_workers=1 ${SOAK_OVERRIDES:-})
java -cp "$cp" io.mae4j.cli.Main synth "${S[@]}" >/dev/null || exit 2
java -cp "$cp" io.mae4j.cli.Main cache build "${S[@]}" >/dev/null || exit 2
experiment() { [ $(( $1 % 2 )) -eq 0 ] && echo quickstart || echo quickstart_guided; }

# run <name> <experiment> [jvm options...]: writes $work/<name>.trace (RC and LOSS lines)
run() {
  local name=$1 exp=$2; shift 2
  java "$@" -cp "$cp" io.mae4j.train.LossTrace train "experiment=$exp" "${S[@]}" "runs_dir=$work/runs-$name" \
    >"$work/$name.out" 2>&1
  grep -E '^(RC|LOSS) ' "$work/$name.out" >"$work/$name.trace"
}
verdict() {  # verdict <name> <experiment>: prints ok | nan | differs
  if ! grep -qx 'RC 0' "$work/$1.trace"; then echo nan
  elif cmp -s "$work/$1.trace" "$work/ref-$2.trace"; then echo ok
  else echo differs; fi
}
for exp in quickstart quickstart_guided; do
  if [ -n "${REF_FROM:-}" ]; then  # references of another soak (e.g. a fixed build, to count a broken one's runs)
    cp "$REF_FROM/ref-$exp.trace" "$work/ref-$exp.trace" || exit 2
  else
    run "ref-$exp" "$exp"
  fi
  grep -qx 'RC 0' "$work/ref-$exp.trace" || { echo "gc-soak: the reference run of $exp failed: $work/ref-$exp.out" >&2; exit 2; }
done

summary() {  # summary <phase> <names...>
  local phase=$1; shift
  local ok=0 nan=0 differs=0 i
  for name in "$@"; do
    i=${name##*-}
    case $(verdict "$name" "$(experiment "$i")") in ok) ok=$((ok+1));; nan) nan=$((nan+1));; *) differs=$((differs+1));; esac
  done
  echo "gc-soak $phase: $# runs, $nan NaN, $differs differ from the reference, $ok bitwise equal"
  [ $nan -eq 0 ] && [ $differs -eq 0 ]
}

# phase <prefix> <runs> <jvms at a time> [jvm options...]: runs and summarises one phase
phase() {
  local prefix=$1 runs=$2 at_once=$3 i; shift 3
  local names=()
  for i in $(seq 1 "$runs"); do
    run "$prefix-$i" "$(experiment "$i")" "$@" &
    names+=("$prefix-$i")
    while [ "$(jobs -rp | wc -l)" -ge "$at_once" ]; do sleep 0.5; done
  done
  wait
  summary "$prefix ($at_once JVMs at a time $*)" "${names[@]}"
}
phase xmn "$xmn_runs" "${XMN_AT_ONCE:-1}" -Xmn4m; status1=$?
phase par "$par_runs" "$par"; status2=$?
[ $status1 -eq 0 ] && [ $status2 -eq 0 ]
