#!/usr/bin/env bash
# Create the anchors' own environment for bench/check_anchors.py: proselint, vaderSentiment
# and alt-profanity-check, installed in bench/_anchors/venv (git-ignored). These are NOT
# project dependencies; the benchmark calls this venv's python in a subprocess.
# Idempotent: an existing venv is reused and pip only installs what is missing.
# Usage: bash bench/setup_anchors.sh   [PYTHON=python3.11]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/_anchors/venv"
python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
    mkdir -p "$here/_anchors"
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
fi
pkgs=(proselint vaderSentiment alt-profanity-check)
if ! "$venv/bin/python" -c 'import proselint, vaderSentiment, profanity_check' 2>/dev/null; then
    "$venv/bin/python" -m pip install --quiet "${pkgs[@]}"
fi
"$venv/bin/python" - <<'PY'
import importlib.metadata as md
for name in ("proselint", "vaderSentiment", "alt-profanity-check", "scikit-learn"):
    print(f"{name}=={md.version(name)}")
PY
