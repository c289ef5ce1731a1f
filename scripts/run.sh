#!/usr/bin/env bash
# Set up and run the dashboard at http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements.txt
exec "${VENV:-.venv}/bin/python" -m streamlit run dashboard.py --server.port "${PORT:-8501}" --browser.gatherUsageStats false "$@"
