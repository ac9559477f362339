#!/usr/bin/env bash
# Store packaging checks (`npm run check`, run by .ci/run after `npm test`): build the Chrome and
# Firefox store zips and the Firefox sources zip, then audit the manifests, the shipped code and the
# zips (test/build/), hold each bundle to its size budget, and run Mozilla's linter.
set -euo pipefail
cd "$(dirname "$0")/.."

npm run zip
npm run build:e2e
npm run test:build
npm run size
npm run lint:firefox

version=$(node -p "require('./package.json').version")
name=$(node -p "require('./package.json').name")
echo "check: store packages in .output/:"
ls -l ".output/${name}-${version}-chrome.zip" ".output/${name}-${version}-firefox.zip" ".output/${name}-${version}-sources.zip"
