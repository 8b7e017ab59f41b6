#!/usr/bin/env bash
# Offline checks of web/vacuum-pressure.html: unit tests of its pure core, then (if chromium is installed) the page in
# headless Chromium against serve.mjs, for the normal stream, a server error, the open volume profile panel and a
# protocol violation.
# Loopback only; every server started here has a bounded lifetime and is stopped by its PID.
#   bash run-e2e.sh [OUT_DIR]          (ARROW_DIR=/path/node_modules also checks apache-arrow frames)
set -euo pipefail
cd "$(dirname "$0")"
OUT=${1:-${TMPDIR:-/tmp}/vp-web-test}
mkdir -p "$OUT"
node --test page-core.test.mjs profile-layout.test.mjs

if ! command -v chromium >/dev/null 2>&1; then
  echo "chromium not installed: browser checks skipped (apt-get install -y chromium)"
  exit 0
fi

PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# run_case NAME JQ-LIKE-CHECK SERVE-ARGS...
run_case() {
  local name=$1 check=$2; shift 2
  local p; p=$(port)
  node serve.mjs --port "$p" --exit-after-s 60 "$@" > "$OUT/serve-$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$p/health" >/dev/null 2>&1 && break; sleep 0.1; done
  node --experimental-websocket --no-warnings shot.mjs --url "http://127.0.0.1:$p/?product_type=future_mbo&symbol=MNQH6${PAGE_QUERY:-}" \
    --out "$OUT/vp-$name.png" --wait-ms "${WAIT_MS:-5000}" > "$OUT/stats-$name.json"
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")), s = r.stats, b = r.body;
    const ok = new Function("r", "s", "b", "return (" + process.argv[3] + ");")(r, s, b);
    console.log((ok ? "ok   " : "FAIL ") + process.argv[2] + ": grids=" + s.grids + " nonZero=" + s.heatmapNonZero +
      " conn=" + s.conn + " protocolErrors=" + s.protocolErrors + " state=" + s.state);
    process.exit(ok ? 0 : 1);' "$OUT/stats-$name.json" "$name" "$check"
}

run_case live 's.grids > 100 && s.heatmapNonZero > 0 && b.live === "1" && s.conn === "live" && s.protocolErrors === 0 && r.console.length === 0' --burst 400
run_case server-error 's.grids === 0 && s.conn === "error" && /does not match locked/.test(s.connMessage) && s.long === "WAIT"' --scenario error
PAGE_QUERY='&vp=1' run_case profile 's.grids > 10 && s.profile.loads >= 2 && s.profile.events >= 1 && s.profile.error === null && s.profile.vpoc > 5900 && s.profile.stream === "open" && r.console.length === 0' --burst 100 --vp-interval-ms 1000
run_case orphan-binary 's.protocolErrors >= 1 && s.connects >= 2' --scenario orphan-binary --interval-ms 5
echo "screenshots and stats in $OUT"
