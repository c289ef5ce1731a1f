#!/usr/bin/env bash
# Set up and run every test, the real-browser ones included (they need Debian's chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements-dev.txt
export STREAMLIT_BROWSER_GATHER_USAGE_STATS=false STREAMLIT_SERVER_HEADLESS=true
CHROMIUM="${CHROMIUM_PATH:-$(command -v chromium || true)}"
if [ -z "$CHROMIUM" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing Debian's chromium for the browser tests"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null
  CHROMIUM=/usr/bin/chromium
fi
if [ -z "$CHROMIUM" ]; then
  echo "error: the browser tests need chromium: run 'sudo apt-get install chromium' or set CHROMIUM_PATH" >&2
  exit 1
fi
export CHROMIUM_PATH="$CHROMIUM"
exec "${VENV:-.venv}/bin/python" -m pytest -p no:cacheprovider -q tests "$@"
