#!/usr/bin/env bash
# Downloads and unpacks ImageNette 2 (fast.ai) for mae4j.
#
#   datasets/fetch_imagenette.sh 160|320 [dest]      (dest defaults to the folder of this script)
#
# Result: <dest>/imagenette2-<size>/{train,val}/<wnid>/*.JPEG, usable as
#   data=image_folder data.root=<dest>/imagenette2-<size>
#
# Steps: download with curl (resumes a partial <archive>.part with -C -), verify the MD5 published
# with torchvision's Imagenette dataset, list the archive with `tar -tzf` and check 10 class
# folders and the image counts (train 9469 / val 3925), extract into a temporary folder inside
# <dest>, then rename it into place (atomic: the final folder is either complete or absent).
# Idempotent: if <dest>/imagenette2-<size> already holds train/ and val/, nothing is done.
#
# Environment overrides (used by the offline tests):
#   IMAGENETTE_BASE_URL        default https://s3.amazonaws.com/fast-ai-imageclas
#   IMAGENETTE_EXPECTED_MD5    expected archive MD5; empty string = skip the MD5 check
#   IMAGENETTE_EXPECTED_CLASSES  default 10
#   IMAGENETTE_EXPECTED_TRAIN    default 9469
#   IMAGENETTE_EXPECTED_VAL      default 3925
#   IMAGENETTE_KEEP_ARCHIVE    1 = keep the .tgz after extraction (default: delete it)
set -euo pipefail

die() { echo "fetch_imagenette: error: $*" >&2; exit 1; }
log() { echo "fetch_imagenette: $*" >&2; }

[[ $# -ge 1 && $# -le 2 ]] || die "usage: $0 160|320 [dest]"
size="$1"
case "$size" in
  160) default_md5="e793b78cc4c9e9a4ccc0c1155377a412" ;;
  320) default_md5="3df6f0d01a2c9592104656642f5e78a3" ;;
  *) die "size must be 160 or 320, got '$size' (usage: $0 160|320 [dest])" ;;
esac
script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest="${2:-$script_dir}"
base_url="${IMAGENETTE_BASE_URL:-https://s3.amazonaws.com/fast-ai-imageclas}"
expected_md5="${IMAGENETTE_EXPECTED_MD5-$default_md5}"
expected_classes="${IMAGENETTE_EXPECTED_CLASSES:-10}"
expected_train="${IMAGENETTE_EXPECTED_TRAIN:-9469}"
expected_val="${IMAGENETTE_EXPECTED_VAL:-3925}"

for tool in curl tar md5sum; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' is required but not installed"
done

name="imagenette2-$size"
final="$dest/$name"
archive="$dest/$name.tgz"

if [[ -e "$final" ]]; then
  if [[ -d "$final/train" && -d "$final/val" ]]; then
    log "$final already present; nothing to do (data.root=$final)"
    exit 0
  fi
  die "$final exists but has no train/ and val/ folders; delete it and run again"
fi
mkdir -p "$dest"

# 1. download (resumable)
if [[ ! -f "$archive" ]]; then
  url="$base_url/$name.tgz"
  log "downloading $url"
  curl -fL --retry 3 -C - -o "$archive.part" "$url" \
    || die "download of $url failed (partial file kept as $archive.part; run again to resume)"
  mv "$archive.part" "$archive"
else
  log "using existing archive $archive"
fi

reject() {
  rm -f "$archive"
  die "$archive is not a valid ImageNette archive: $*. It was deleted; run the script again to re-download."
}

# 2. verify
if [[ -n "$expected_md5" ]]; then
  actual_md5="$(md5sum "$archive" | cut -d' ' -f1)"
  [[ "$actual_md5" == "$expected_md5" ]] || reject "MD5 $actual_md5, expected $expected_md5"
  log "MD5 ok ($actual_md5)"
else
  log "MD5 check skipped (IMAGENETTE_EXPECTED_MD5 is empty)"
fi
listing="$(mktemp)"
trap 'rm -f "$listing"' EXIT
tar -tzf "$archive" > "$listing" 2>/dev/null || reject "tar cannot read it (corrupt or truncated)"
img='\.(jpe?g|png)$'
train_count="$(grep -Eic "^$name/train/[^/]+/[^/]+$img" "$listing" || true)"
val_count="$(grep -Eic "^$name/val/[^/]+/[^/]+$img" "$listing" || true)"
classes="$({ grep -Eio "^$name/train/[^/]+/[^/]+$img" "$listing" || true; } | cut -d/ -f3 | sort -u | wc -l)"
[[ "$classes" -eq "$expected_classes" ]] || reject "$classes class folders in train/, expected $expected_classes"
[[ "$train_count" -eq "$expected_train" ]] || reject "$train_count training images, expected $expected_train"
[[ "$val_count" -eq "$expected_val" ]] || reject "$val_count validation images, expected $expected_val"
log "archive ok: $classes classes, $train_count train / $val_count val images"

# 3. extract atomically
tmp="$(mktemp -d "$dest/.$name.tmp.XXXXXX")"
trap 'rm -f "$listing"; rm -rf "$tmp"' EXIT
tar -xzf "$archive" -C "$tmp" || die "extracting $archive failed (disk full?)"
[[ -d "$tmp/$name/train" && -d "$tmp/$name/val" ]] || die "$archive did not contain $name/train and $name/val"
mv -T "$tmp/$name" "$final"
if [[ "${IMAGENETTE_KEEP_ARCHIVE:-0}" != "1" ]]; then
  rm -f "$archive"
fi
log "done: $final (use data=image_folder data.root=$final)"
