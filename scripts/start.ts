/**
 * `npm start`: build the extension, start the local Glean sandbox, open Chromium with the
 * extension configured for it (through the real options page), on the demo page. Without a
 * display it runs headless, does one real round trip through the extension (an upload and a
 * lookup), prints what happened and exits. With `--oauth` it signs in with Glean instead of pasting
 * a token: only the backend typed, the extension registers itself with the sandbox's authorization
 * server (Dynamic Client Registration) and signs in through the browser's sign-in window.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { findChromium } from '../test/e2e/support/browsers';
import { launchChromiumWithExtension } from '../test/e2e/support/chromium';
import { clickAndReadStatus, fillOptions, firstRunOptionsPage, sendFromPage } from '../test/e2e/support/options-page';
import { lookupFromPage, uploadFromPage, waitForUpload } from '../test/e2e/support/page-calls';
import { CHROME_BUILD } from '../test/e2e/support/paths';
import { solidPng, startSandbox, USER_TOKEN } from '../test/sandbox/server';

const say = (line: string) => console.log(`[start] ${line}`);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function ensureChromium(): void {
  try {
    findChromium();
  } catch {
    say('Chromium is missing; installing it from Debian packages…');
    execFileSync('bash', ['scripts/install-browsers.sh'], { stdio: 'inherit' });
  }
}

async function main(): Promise<void> {
  ensureChromium();
  say('Building the extension…');
  try {
    execFileSync('npx', ['wxt', 'build'], { stdio: 'pipe' });
  } catch (e) {
    throw new Error(`The build failed:\n${(e as { stderr?: Buffer }).stderr?.toString() ?? e}`);
  }

  const sandbox = await startSandbox({ port: Number(process.env.SANDBOX_PORT ?? 8787) });
  say(`Glean sandbox at ${sandbox.baseUrl} (user token "${USER_TOKEN}", global token "${sandbox.tokens.global}")`);

  const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  const withOAuth = process.argv.includes('--oauth');
  if (headless) say('No display found: running Chromium headless for one round trip, then exiting.');
  const browser = await launchChromiumWithExtension(CHROME_BUILD, { headless });

  // Configure the way a person would: the options page that opens on first run, by its labels.
  const options = await firstRunOptionsPage(browser.context, browser.extensionId);
  await browser.grantHost('http://127.0.0.1/*');
  if (withOAuth) {
    // The sandbox's sign-in page would wait for a click on "Allow"; here nobody is there to click.
    if (headless) sandbox.oauth.knobs.oauthAutoApprove = true;
    else say('Sign in: press "Allow" in the sign-in window that opens.');
    await options.getByLabel('Glean backend').fill(sandbox.origin);
    await options.getByLabel('Your user ID').fill('alice');
    say(`Sign in with Glean: ${await clickAndReadStatus(options, 'Sign in with Glean')}`);
    const steps = sandbox.log.filter((r) => r.path.startsWith('/oauth/') || r.path.startsWith('/.well-known/'));
    say(`The sandbox saw: ${steps.map((r) => `${r.method} ${r.path} ${r.status}`).join(', ')}`);
  } else {
    await fillOptions(options, { backend: sandbox.origin, token: USER_TOKEN, userId: 'alice' });
    say(`Options page: ${await clickAndReadStatus(options, 'Save')}`);
    say(`Test connection: ${await clickAndReadStatus(options, 'Test connection')}`);
    say('To sign in with Glean through self-registration instead of a token: npm start -- --oauth');
  }
  await sendFromPage(options, 'sites.set', { site: 'http://127.0.0.1', enabled: true });

  const demo = await browser.context.newPage();
  await demo.goto(`${sandbox.origin}/demo/`);
  say(`Demo page open at ${sandbox.origin}/demo/`);

  if (!headless) {
    say('Right-click images, open the toolbar popup, or change settings. Press Ctrl+C to stop.');
    await new Promise<void>((resolve) => process.once('SIGINT', resolve));
  } else {
    const png = solidPng(64, 48, [34, 81, 209, 255]);
    const queued = await uploadFromPage(options, png, { type: 'UGC', id: 'npm-start' }, 'npm-start.png');
    if (!queued.ok) throw new Error(`Upload refused: ${queued.error.message}`);
    const jobId = queued.value.status === 'queued' ? queued.value.job.id : queued.value.earlier.id;
    const upload = await waitForUpload(options, jobId);
    say(`Uploaded a 64x48 PNG (${png.length} bytes) through the extension's queue: key ${upload.key}`);
    const stored = sandbox.images.getByKey(upload.key);
    say(`The sandbox holds it with identical bytes: ${stored ? sha(stored.bytes) === sha(png) : false}`);
    const lookup = await lookupFromPage(options, { type: 'USER', id: 'alice' });
    say(`Looked up alice's profile picture through the extension: ${lookup.ok ? `${lookup.value.contentType}, ${lookup.value.byteLength} bytes` : lookup.error.message}`);
    // The browser loads the page's Glean images with the token the extension adds: wait for them.
    await demo.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('img[data-testid="glean-src"]')].every((i) => i.complete), undefined, { timeout: 15_000 });
    const shown = await demo.locator('img[data-testid="glean-src"]').evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length);
    say(`Glean images shown on the demo page: ${shown}`);
    if (!lookup.ok || !stored || shown === 0) throw new Error('The round trip did not complete.');
    say('Round trip complete.');
  }
  await browser.close();
  await sandbox.close();
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`[start] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
