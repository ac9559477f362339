/** dataDir: uploads survive a restart; seeds are regenerated, not written. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { solidPng, startSandbox } from './server.js';
import { asUser, bytesOf, toBody } from './test-helpers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'glean-sandbox-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const RED = solidPng(3, 3, [255, 0, 0, 255]);
const GREEN = solidPng(3, 3, [0, 255, 0, 255]);
const BLUE = solidPng(3, 3, [0, 0, 255, 255]);

async function upload(baseUrl: string, query: string, body: Buffer): Promise<string> {
  const res = await fetch(`${baseUrl}/uploadimage?${query}`, { method: 'POST', headers: asUser({ 'content-type': 'image/png' }), body: toBody(body) });
  expect(res.status).toBe(200);
  return new URL(((await res.json()) as { url: string }).url).searchParams.get('key')!;
}

describe('persistence', () => {
  it('keeps uploads across a restart, by key and by metadata, with replacement applied', async () => {
    const first = await startSandbox({ dataDir: dir });
    const red = await upload(first.baseUrl, 'type=UGC&id=a', RED);
    const green = await upload(first.baseUrl, 'type=UGC&id=b&cid=thumb', GREEN);
    const blue = await upload(first.baseUrl, 'type=UGC&id=a', BLUE); // replaces red
    await first.close();

    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { images: { key: string }[] };
    expect(index.images.map((i) => i.key).sort()).toEqual([green, blue].sort());
    expect(readdirSync(dir).sort()).toEqual([`${blue}.png`, `${green}.png`, 'index.json'].sort());

    const second = await startSandbox({ dataDir: dir });
    try {
      expect(second.images.count()).toBe(5); // 2 uploads + 3 seeds
      expect(second.images.getByKey(red)).toBeUndefined();
      expect(second.images.getByKey(blue)?.bytes.equals(BLUE)).toBe(true);
      expect(second.images.getByKey(green)?.metadata).toEqual({ type: 'UGC', id: 'b', cid: 'thumb', ext: 'png' });
      const res = await fetch(`${second.baseUrl}/images?type=UGC&id=a`, { headers: asUser() });
      expect(res.headers.get('content-type')).toBe('image/png');
      expect((await bytesOf(res)).equals(BLUE)).toBe(true);
      expect((await fetch(`${second.baseUrl}/images?key=${green}`, { headers: asUser() })).status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('lets a persisted upload win over the seed it replaced', async () => {
    const first = await startSandbox({ dataDir: dir });
    const key = await upload(first.baseUrl, 'type=USER&id=alice', RED);
    await first.close();
    const second = await startSandbox({ dataDir: dir });
    try {
      expect(second.images.getByKey('seed-alice')).toBeUndefined();
      expect(second.images.getByMetadata({ type: 'USER', id: 'alice' })?.key).toBe(key);
      expect(second.images.getByKey('seed-bob')).toBeDefined();
    } finally {
      await second.close();
    }
  });

  it('does not write seeds, and reset clears what was written', async () => {
    const sb = await startSandbox({ dataDir: dir });
    try {
      expect(existsSync(join(dir, 'index.json'))).toBe(false);
      const key = await upload(sb.baseUrl, 'type=LOGO', RED);
      expect(existsSync(join(dir, `${key}.png`))).toBe(true);
      sb.reset();
      expect(readdirSync(dir)).toEqual([]);
      expect(sb.images.count()).toBe(3);
    } finally {
      await sb.close();
    }
  });

  it('creates a missing dataDir', async () => {
    const nested = join(dir, 'a', 'b');
    const sb = await startSandbox({ dataDir: nested, seed: false });
    try {
      await upload(sb.baseUrl, 'type=LOGO', RED);
      expect(readdirSync(nested)).toContain('index.json');
    } finally {
      await sb.close();
    }
  });
});
