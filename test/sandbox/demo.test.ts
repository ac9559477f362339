/** The demo pages under /demo/: placeholders filled, pictures generated, no auth. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_PEOPLE, startSandbox, type Sandbox } from './server.js';
import { asUser, bytesOf, pngSize, sha256 } from './test-helpers.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

describe('demo page', () => {
  it('serves index.html with the sandbox URL filled in', async () => {
    const res = await fetch(`${sb.origin}/demo/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain('<title>Glean Images demo page</title>');
    expect(html).toContain('Glean images on this page');
    expect(html).not.toMatch(/\{\{[A-Z_]+\}\}/);
    expect(html).toContain(`src="${sb.baseUrl}/images?type=USER&amp;id=alice"`);
    expect(html).toContain('sandbox-user-token');
    expect(await (await fetch(`${sb.origin}/demo/index.html`)).text()).toBe(html);
  });

  it('names keys and metadata that the API resolves', async () => {
    const html = await (await fetch(`${sb.origin}/demo/`)).text();
    const keys = [...html.matchAll(/data-glean-image-key="([^"]+)"/g)].map((m) => m[1]!);
    expect(keys).toEqual(SEED_PEOPLE.map((p) => p.key));
    const srcs = [...html.matchAll(/src="([^"]+\/rest\/api\/v1\/[^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
    expect(srcs.length).toBeGreaterThanOrEqual(3);
    for (const url of [...keys.map((k) => `${sb.baseUrl}/images?key=${k}`), ...srcs]) {
      expect((await fetch(url)).status).toBe(401); // broken without the token...
      expect((await fetch(url, { headers: asUser() })).status).toBe(200); // ...fine with it
    }
  });

  it('serves generated, distinct 320x200 PNGs for its ordinary images', async () => {
    const html = await (await fetch(`${sb.origin}/demo/`)).text();
    const srcs = [...html.matchAll(/src="(\/demo\/img\/[a-z]+\.png)"/g)].map((m) => m[1]!);
    expect(srcs).toEqual(['/demo/img/red.png', '/demo/img/green.png', '/demo/img/blue.png']);
    const hashes = new Set<string>();
    for (const src of srcs) {
      const res = await fetch(`${sb.origin}${src}`);
      expect(res.headers.get('content-type')).toBe('image/png');
      const png = await bytesOf(res);
      expect(pngSize(png)).toEqual({ width: 320, height: 200 });
      hashes.add(sha256(png));
    }
    expect(hashes.size).toBe(3);
    expect((await fetch(`${sb.origin}/demo/img/purple.png`)).status).toBe(404);
  });

  it('redirects / and /demo to /demo/', async () => {
    for (const path of ['/', '/demo']) {
      const res = await fetch(`${sb.origin}${path}`, { redirect: 'manual' });
      expect([res.status, res.headers.get('location')]).toEqual([302, '/demo/']);
    }
  });

  it('serves nothing outside the demo directory', async () => {
    for (const path of ['/demo/..%2fserver.ts', '/demo/%2e%2e/server.ts', '/demo/missing.html', '/demo/%E0%A4%A']) {
      expect((await fetch(`${sb.origin}${path}`)).status).toBeGreaterThanOrEqual(400);
      expect(await (await fetch(`${sb.origin}${path}`)).text()).not.toContain('startSandbox');
    }
  });

  it('refuses other methods', async () => {
    expect((await fetch(`${sb.origin}/demo/`, { method: 'POST', body: 'x' })).status).toBe(405);
  });
});
