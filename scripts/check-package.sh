#!/usr/bin/env bash
# Store packaging checks (`npm run check`, run by .ci/run after `npm test`): build the Chrome and
# Firefox store zips and the Firefox sources zip, then audit the manifests, the shipped code and the
# zips (test/build/), hold each bundle to its size budget, and run Mozilla's linter.
set -euo pipefail
cd "$(dirname "$0")/.."
# A private temp folder, removed at the end: tsx keeps a folder of its own in the temp folder, and
# `npm test` leaves the system's temp folder as it found it.
TMPDIR=$(mktemp -d "${TMPDIR:-/tmp}/glean-check-XXXXXX")
export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT

npm run zip
npm run build:e2e
npm run test:build
npm run size
npm run lint:firefox

version=$(node -p "require('./package.json').version")
name=$(node -p "require('./package.json').name")
echo "check: store packages in .output/:"
ls -l ".output/${name}-${version}-chrome.zip" ".output/${name}-${version}-firefox.zip" ".output/${name}-${version}-sources.zip"
