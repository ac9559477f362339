// Locates the system browsers the e2e tests drive. We never let Playwright or
// Puppeteer download a browser (the machine has no network for that); the
// browsers come from Debian packages via scripts/install-browsers.sh.
import { accessSync, closeSync, constants, openSync, readSync } from 'node:fs';

const INSTALL_HINT = 'Run `bash scripts/install-browsers.sh` (as root on Debian/Ubuntu) or set';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function find(envVar: string, candidates: string[], what: string): string {
  const override = process.env[envVar];
  if (override) {
    if (isExecutable(override)) return override;
    throw new Error(`${envVar}=${override} is not an executable file. ${INSTALL_HINT} ${envVar} correctly.`);
  }
  const found = candidates.find(isExecutable);
  if (!found) {
    throw new Error(`${what} not found (looked in ${candidates.join(', ')}). ${INSTALL_HINT} ${envVar}.`);
  }
  return found;
}

/**
 * Debian's /usr/bin/chromium is a shell wrapper that sources /etc/chromium.d/*,
 * which injects flags we do not want under test (`--enable-remote-extensions`,
 * an empty `--load-extension=`, `--enable-gpu-rasterization`) and prints a
 * shell error from its /dev/shm check. Launch the real binary behind it instead.
 */
function unwrapDebianChromium(path: string): string {
  const real = '/usr/lib/chromium/chromium';
  if (path !== '/usr/bin/chromium' || !isExecutable(real)) return path;
  try {
    const fd = openSync(path, 'r');
    const head = Buffer.alloc(2);
    readSync(fd, head, 0, 2, 0);
    closeSync(fd);
    return head.toString() === '#!' ? real : path;
  } catch {
    return path;
  }
}

/** Chromium executable: $CHROMIUM_PATH, else the usual Debian/Ubuntu paths. */
export function findChromium(): string {
  const path = find('CHROMIUM_PATH', ['/usr/bin/chromium', '/usr/bin/chromium-browser'], 'Chromium');
  return process.env.CHROMIUM_PATH ? path : unwrapDebianChromium(path);
}

/** Firefox executable: $FIREFOX_PATH, else firefox-esr, else firefox. */
export function findFirefox(): string {
  return find('FIREFOX_PATH', ['/usr/bin/firefox-esr', '/usr/bin/firefox'], 'Firefox');
}
