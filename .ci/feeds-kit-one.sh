#!/usr/bin/env bash
# Per-file adapter for ../shared/eval/feeds/check.py that also forwards the HTTP headers the kit
# recorded (Content-Location), which the kit's batch adapter drops. Usage, from the repo root:
#   python3 ../shared/eval/feeds/check.py '.ci/feeds-kit-one.sh' [--only PREFIX]
# check.py exports FEED_FILE, FEED_URL, FEED_CONTENT_TYPE and FEED_HEADERS (a JSON object).
set -euo pipefail
args=(parse --json)
[ -n "${FEED_URL:-}" ] && args+=(--url "$FEED_URL")
[ -n "${FEED_CONTENT_TYPE:-}" ] && args+=(--content-type "$FEED_CONTENT_TYPE")
location=$(python3 -c 'import json,os; h=json.loads(os.environ.get("FEED_HEADERS") or "{}"); print(next((v for k,v in h.items() if k.lower()=="content-location"),""))')
[ -n "$location" ] && args+=(--content-location "$location")
exec bin/feedfold "${args[@]}" "$FEED_FILE"
