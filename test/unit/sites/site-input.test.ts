import { describe, expect, it } from 'vitest';
import { siteFromInput } from '../../../src/sites/site-input';

describe('siteFromInput', () => {
  it.each([
    ['intranet.example.com', 'https://intranet.example.com'],
    ['  https://Wiki.Acme.com/space/page?x=1  ', 'https://wiki.acme.com'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1'],
    ['localhost', 'https://localhost'],
  ])('reads %j as %j', (text, site) => {
    expect(siteFromInput(text)).toBe(site);
  });

  it.each(['', '   ', 'https://', 'ftp://files.example', 'javascript:alert(1)', 'two words', 'file:///etc/passwd'])('refuses %j', (text) => {
    expect(siteFromInput(text)).toBeNull();
  });
});
