#!/usr/bin/env bash
# npm test: build (the CLI and UI tests run the built bundles), then every test: vitest (unit + integration against
# the simulator, real SQLite files and a real keyring) and Playwright (the renderer in Chromium).
# Outside a keyring session it re-runs itself inside a throwaway dbus session with an unlocked gnome-keyring, so a
# developer's own keychain is never touched.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${AIDGE_TEST_KEYRING_SESSION:-}" ] && command -v dbus-run-session >/dev/null 2>&1 && command -v gnome-keyring-daemon >/dev/null 2>&1; then
  AIDGE_TEST_KEYRING_SESSION=1 exec bash scripts/with-keyring.sh bash scripts/test.sh ${1+"$@"}
fi

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm run -s build >/dev/null
# ${1+"$@"}: macOS ships bash 3.2, where "$@" with no arguments is an unbound variable under set -u.
npx vitest run ${1+"$@"}
npx playwright test
