#!/usr/bin/env bash
# Lighthouse on the student web app: builds memora, serves the demo (`memora serve --demo`) on a fresh SQLite file
# and a free port, signs in as the demo student layla, runs Lighthouse on each page, prints a Markdown table, and
# exits 1 when a page scores below performance 95, accessibility 100 or best practices 100.
#
#   tools/web/lighthouse.sh [--desktop] [--user EMAIL] [PATH ...]    (PATHs default to / /profile /leaderboard /store)
#
# Needs Chromium (/usr/bin/chromium, or CHROME_PATH) and `npm ci --prefix tools/web` (lighthouse@12.2.3, pinned).
# The JSON reports stay in $LIGHTHOUSE_OUT when set (else a temporary folder that is removed).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

preset=mobile
user=layla@demo.memora.test
paths=()
while [ $# -gt 0 ]; do
  case "$1" in
    --desktop) preset=desktop ;;
    --user) user="$2"; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) paths+=("$1") ;;
  esac
  shift
done
[ ${#paths[@]} -gt 0 ] || paths=(/ /profile /leaderboard /store)

export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
[ -x "$CHROME_PATH" ] || { echo "lighthouse.sh: no Chromium at $CHROME_PATH (apt-get install chromium)" >&2; exit 2; }
[ -x tools/web/node_modules/.bin/lighthouse ] || { echo "lighthouse.sh: run npm ci --prefix tools/web first" >&2; exit 2; }

work="$(mktemp -d)"
out="${LIGHTHOUSE_OUT:-$work/reports}"
mkdir -p "$out"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; { wait "$server"; } 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/memora" ./cmd/memora
: >"$work/serve.log"
MEMORA_DATABASE_URL="sqlite:$work/memora.db" MEMORA_ADDR=127.0.0.1:0 MEMORA_WORKER=false MEMORA_LOG_LEVEL=warn \
  "$work/memora" serve --demo >"$work/serve.log" 2>&1 &
server=$!
base=""
for _ in $(seq 1 120); do
  base="$(sed -n 's|^Memora is running at \(http://[^/]*\)/.*|\1|p' "$work/serve.log")"
  [ -n "$base" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.5
done
[ -n "$base" ] || { echo "lighthouse.sh: memora did not start" >&2; cat "$work/serve.log" >&2; exit 1; }

curl -fsS -c "$work/cookies" -H 'Content-Type: application/json' \
  -d "{\"usr\":\"$user\",\"pwd\":\"memora-demo\"}" "$base/api/method/login" >/dev/null
sid="$(awk '$6 == "sid" { print $7 }' "$work/cookies")"
[ -n "$sid" ] || { echo "lighthouse.sh: login as $user gave no sid cookie" >&2; exit 1; }

preset_flag=()
[ "$preset" = desktop ] && preset_flag=(--preset=desktop)
echo "Lighthouse 12.2.3 ($preset), memora at $base, signed in as $user"
echo
echo "| Page | Performance | Accessibility | Best practices | Transferred KB (all) | HTML+CSS+JS KB | Other hosts |"
echo "|---|---:|---:|---:|---:|---:|---|"
failed=0
for path in "${paths[@]}"; do
  name="$(echo "$path" | tr -c 'a-zA-Z0-9\n' '_')"
  report="$out/lighthouse${name}.json"
  if ! npx --prefix tools/web lighthouse "$base$path" "${preset_flag[@]}" --quiet \
      --only-categories=performance,accessibility,best-practices \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
      --extra-headers="{\"Cookie\":\"sid=$sid\"}" \
      --output=json --output-path="$report" 2>"$work/lighthouse.err"; then
    echo "| \`$path\` | lighthouse failed: $(tail -1 "$work/lighthouse.err") | | | | | |"
    failed=1
    continue
  fi
  node - "$report" "$base" "$path" <<'EOF' || failed=1
const [report, base, path] = process.argv.slice(2);
const r = JSON.parse(require("fs").readFileSync(report, "utf8"));
const score = (c) => (r.categories[c] && r.categories[c].score !== null ? Math.round(r.categories[c].score * 100) : 0);
const items = (r.audits["network-requests"] && r.audits["network-requests"].details && r.audits["network-requests"].details.items) || [];
const kb = (n) => (n / 1024).toFixed(1);
const all = items.reduce((s, i) => s + (i.transferSize || 0), 0);
const text = items.filter((i) => ["Document", "Stylesheet", "Script"].includes(i.resourceType))
  .reduce((s, i) => s + (i.transferSize || 0), 0);
const origin = new URL(base).origin;
const others = [...new Set(items.map((i) => new URL(i.url).origin).filter((o) => o !== origin && o !== "null"))];
const [perf, a11y, bp] = [score("performance"), score("accessibility"), score("best-practices")];
const note = r.runtimeError ? ` (${r.runtimeError.code})` : "";
console.log(`| \`${path}\`${note} | ${perf} | ${a11y} | ${bp} | ${kb(all)} | ${kb(text)} | ${others.join(" ") || "none"} |`);
process.exit(perf >= 95 && a11y === 100 && bp === 100 ? 0 : 1);
EOF
done
echo
if [ "$failed" -ne 0 ]; then
  echo "FAIL: a page is below performance 95, accessibility 100 or best practices 100"
  exit 1
fi
echo "OK: every page meets performance ≥ 95, accessibility 100, best practices 100"
