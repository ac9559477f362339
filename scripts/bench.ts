/**
 * `npm run bench`: prints numbers, each against a baseline measured in the same run, and each
 * target as met or NOT met. Not a test: it fails when something breaks, and on a missed target
 * only when called with `--check` (`npm run bench -- --check`).
 */
import { execFileSync } from 'node:child_process';
import { launchConfigured } from '../test/e2e/support/configured-chromium';
import { startSandbox, USER_TOKEN } from '../test/sandbox/server';
import { runResolveBench } from './bench/resolve-bench';
import { runScreenshotBench } from './bench/screenshot-bench';
import { summarize } from './bench/targets';
import { runUploadBench } from './bench/upload-bench';

// The harness must not slow down what it measures: by default Playwright inspects every request
// of the extension's service worker (a DevTools observer per request, and events sent to this
// process, which also runs the sandbox and the plain uploader). Users run no such inspector; with
// it, the extension's side of the loopback comparison cost about 20 % more CPU.
process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK = '1';

async function main(): Promise<number> {
  execFileSync('npx', ['wxt', 'build'], { stdio: 'pipe' });
  const sandbox = await startSandbox();
  try {
    const { browser, options } = await launchConfigured(sandbox);
    try {
      await runUploadBench(browser, options, sandbox, USER_TOKEN);
      await runResolveBench(browser, options, sandbox);
    } finally {
      await browser.close();
    }
    // Its own browsers, headful on a virtual display: the shortcut is a real key press.
    await runScreenshotBench(sandbox);
  } finally {
    await sandbox.close();
  }
  const missed = summarize();
  return process.argv.includes('--check') && missed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
