#!/usr/bin/env bash
# Tests the TypeScript client (@sovra/client) and the web app (app/).
#
#   scripts/app-test.sh unit               the generated contract types match the built metadata
#                                          (a metadata change without regenerated types fails),
#                                          client and app typecheck (strict), the client's unit
#                                          tests; no node needed
#   scripts/app-test.sh browser [--deployed]
#                                          on the local node (started if needed) with a fresh
#                                          deployment and the demo's data (--deployed: the ones
#                                          just made, as scripts/test.sh does): the client's node
#                                          tests, then the app built, served and driven in
#                                          headless Chromium; screenshots in target/app/
#   scripts/app-test.sh                    both
# Counts go to $SOVRA_CACHE/app-test-counts ("passed failed") for scripts/test.sh.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$SOVRA_ROOT"

mode=all
deployed=0
for arg in "$@"; do
    case "$arg" in
        unit | browser) mode="$arg" ;;
        --deployed) deployed=1 ;;
        *) die "unknown argument $arg (scripts/app-test.sh [unit|browser] [--deployed])" ;;
    esac
done

counts="$SOVRA_CACHE/app-test-counts"
passed=0
failed=0
# Runs vitest in app/<package> with its arguments; adds its counts to the totals.
vitest() {
    local dir="$1" json="$SOVRA_CACHE/vitest-$$.json" status=0
    shift
    (cd "app/$dir" && NO_COLOR=1 npx vitest run --reporter=default --reporter=json --outputFile.json="$json" "$@") || status=$?
    if [ -f "$json" ]; then
        passed=$(( passed + $(node -p "require('$json').numPassedTests") ))
        failed=$(( failed + $(node -p "require('$json').numFailedTests") ))
        rm -f "$json"
    fi
    printf '%s %s\n' "$passed" "$failed" > "$counts"
    return $status
}
printf '0 0\n' > "$counts"

app_install
build_missing_bundles

if [ "$mode" != browser ]; then
    say "== generated contract types"
    (cd app/client && node scripts/codegen.mjs --check)
    say "== typecheck (client, app)"
    (cd app && npx tsc --noEmit -p client && npx tsc --noEmit -p web)
    say "== client unit tests"
    vitest client --exclude test/node.test.ts
fi

if [ "$mode" != unit ]; then
    chromium_install
    scripts/node.sh install
    scripts/node.sh start
    SOVRA_NODE_URL="$(scripts/node.sh status)"
    export SOVRA_NODE_URL
    if [ "$deployed" = 0 ]; then
        # the browser test uses the demo's members, issuer and proposals
        scripts/deploy.sh --network local --force
        cargo run -q -p sovra -- demo --node --network local > "$SOVRA_CACHE/demo-output.log" \
            || { cat "$SOVRA_CACHE/demo-output.log"; die "the demo failed"; }
    fi
    say "== client on the node ($SOVRA_NODE_URL)"
    vitest client test/node.test.ts test/docs.test.ts
    say "== app build"
    (cd app/web && npx vite build --logLevel warn && du -sb dist | awk '{ printf "app bundle: %d bytes\n", $1 }')
    say "== app in headless Chromium"
    export SOVRA_APP_SHOTS="$SOVRA_ROOT/target/app"
    rm -f "$SOVRA_APP_SHOTS"/*.png
    vitest web --config vitest.e2e.config.ts
    say "screenshots: $(cd "$SOVRA_APP_SHOTS" && ls ./*.png | tr '\n' ' ')"
fi
say "app tests: $passed passed, $failed failed"
