/**
 * `npm run bench`: prints numbers, each against a baseline measured in the same run. Not a test:
 * it fails only when something breaks, never on a slow machine.
 */
import { execFileSync } from 'node:child_process';
import { launchConfigured } from '../test/e2e/support/configured-chromium';
import { startSandbox, USER_TOKEN } from '../test/sandbox/server';
import { runResolveBench } from './bench/resolve-bench';
import { runScreenshotBench } from './bench/screenshot-bench';
import { runUploadBench } from './bench/upload-bench';

async function main(): Promise<void> {
  execFileSync('npx', ['wxt', 'build'], { stdio: 'pipe' });
  const sandbox = await startSandbox();
  try {
    const { browser, options } = await launchConfigured(sandbox);
    try {
      await runUploadBench(options, sandbox, USER_TOKEN);
      await runResolveBench(browser, options, sandbox);
    } finally {
      await browser.close();
    }
    // Its own browsers, headful on a virtual display: the shortcut is a real key press.
    await runScreenshotBench(sandbox);
  } finally {
    await sandbox.close();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
