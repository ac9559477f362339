/**
 * scripts/wait-apt-lock.sh, which install-browsers.sh runs before apt-get: with a lock file held
 * by another process it waits and says so, goes on once the holder lets go, and gives up with the
 * holder's pid and a clear message at its limit. A real process holds a real (temporary) file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const SCRIPT = new URL('../../../scripts/wait-apt-lock.sh', import.meta.url).pathname;
let dir: string;
let lock: string;
let holder: ChildProcess | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'apt-lock-test-'));
  lock = join(dir, 'lock-frontend');
  writeFileSync(lock, '');
});
afterEach(() => {
  holder?.kill();
  holder = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** A process that keeps `lock` open until its stdin closes; resolves once it has the file open. */
function holdLock(): Promise<ChildProcess> {
  const child = spawn('bash', ['-c', 'exec 3<"$1"; echo ready; read -r _', 'holder', lock], { stdio: ['pipe', 'pipe', 'inherit'] });
  holder = child;
  return new Promise((resolve) => child.stdout!.once('data', () => resolve(child)));
}

function runWaiter(limit: number, onStderr?: (text: string) => void): Promise<{ code: number | null; stderr: string }> {
  const child = spawn('bash', [SCRIPT], { env: { ...process.env, APT_LOCK_FILES: lock, APT_LOCK_WAIT: String(limit) } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    onStderr?.(stderr);
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('wait-apt-lock.sh', () => {
  it('returns at once, silently, when nobody holds the lock', async () => {
    expect(await runWaiter(0)).toEqual({ code: 0, stderr: '' });
  });

  it('gives up at its limit, naming the process that holds the lock', async () => {
    const h = await holdLock();
    const { code, stderr } = await runWaiter(0);
    expect(code).toBe(1);
    expect(stderr).toContain(`still busy after 0 s, held by: ${h.pid} (bash)`);
    expect(stderr).toContain('APT_LOCK_WAIT');
  }, 60_000);

  it('waits, saying so, and goes on once the holder lets go', async () => {
    const h = await holdLock();
    let released = false;
    const result = await runWaiter(120, (text) => {
      if (!released && text.includes('waiting up to 120 s')) {
        released = true;
        h.stdin!.end(); // the holder exits, closing the file
      }
    });
    expect(released).toBe(true);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/the package manager is free after \d+ s/);
  }, 60_000); // it scans /proc every 2 s, slow on a busy machine
});
