#!/usr/bin/env bash
# Runs the -Pgpu build of mae4j (target/mae4j.jar without CPU natives) with what libtorch reads from the
# environment when it starts, which a running JVM cannot set for itself:
#   TORCH_ALLOW_TF32_CUBLAS_OVERRIDE=1   float32 matmuls as TF32 on Ampere and newer GPUs (MAE4J_TF32=0: off)
# The jar itself tells DJL the CUDA flavour and version (PYTORCH_FLAVOR=cu128, PYTORCH_VERSION=2.7.1, from
# the build) and where libtorch is cached (DJL_CACHE_DIR, default ~/.djl.ai); an environment value wins.
#
#   mvn -B -q -DskipTests package -Pgpu
#   src/main/scripts/mae4j-gpu.sh doctor runtime.device=gpu
#   src/main/scripts/mae4j-gpu.sh train experiment=imagenette_vitb16_random runtime.device=gpu
#
# MAE4J_JAR (default: target/mae4j.jar next to this script's repository) and JAVA_OPTS are honoured.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
jar="${MAE4J_JAR:-$repo/target/mae4j.jar}"
if [[ ! -f "$jar" ]]; then
  echo "mae4j-gpu: $jar not found; build it with: mvn -B -q -DskipTests package -Pgpu" >&2
  exit 2
fi
if [[ "${MAE4J_TF32:-1}" == "1" ]]; then
  export TORCH_ALLOW_TF32_CUBLAS_OVERRIDE=1
  tf32="on (TF32 matmuls; MAE4J_TF32=0 for strict float32)"
else
  unset TORCH_ALLOW_TF32_CUBLAS_OVERRIDE
  tf32="off (strict float32 matmuls)"
fi
# DJL counts GPUs through libcudart.so, loaded by JNA from the library path: add the usual CUDA folder if present
if [[ -d /usr/local/cuda/lib64 && ":${LD_LIBRARY_PATH:-}:" != *":/usr/local/cuda/lib64:"* ]]; then
  export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}/usr/local/cuda/lib64"
fi
echo "mae4j-gpu: TF32 $tf32; libtorch from ${PYTORCH_LIBRARY_PATH:-DJL_CACHE_DIR=${DJL_CACHE_DIR:-$HOME/.djl.ai}}" >&2
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java ${JAVA_OPTS:-} -jar "$jar" "$@"
