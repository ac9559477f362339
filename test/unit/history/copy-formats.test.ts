import { afterEach, describe, expect, it } from 'vitest';
import { altFor, COPY_FORMATS, escapeHtml, escapeMarkdownAlt, escapeMarkdownUrl, formatCopy } from '../../../src/history/copy-formats';
import { useLocale } from '../i18n/locale';

const plain = { key: 'abc123', url: 'https://acme-be.glean.com/rest/api/v1/images?key=abc123', alt: 'Team photo' };

describe('copy formats', () => {
  it('offers key, URL, Markdown and HTML, in that order, with the buttons\' words', () => {
    expect(COPY_FORMATS.map((f) => f.label)).toEqual(['Copy key', 'Copy URL', 'Copy Markdown', 'Copy HTML']);
  });

  describe('in German', () => {
    afterEach(() => useLocale('en'));

    it('reads the words when they are shown, in the browser\'s language', () => {
      useLocale('de');
      expect(COPY_FORMATS.map((f) => f.label)).toEqual(['Schlüssel kopieren', 'URL kopieren', 'Markdown kopieren', 'HTML kopieren']);
      expect(COPY_FORMATS[0].done).toBe('Schlüssel kopiert.');
    });
  });

  it('copies the key and the URL as they are', () => {
    expect(formatCopy('key', plain)).toBe('abc123');
    expect(formatCopy('url', plain)).toBe(plain.url);
  });

  it('writes Markdown and HTML image tags', () => {
    expect(formatCopy('markdown', plain)).toBe(`![Team photo](${plain.url})`);
    expect(formatCopy('html', plain)).toBe(`<img src="${plain.url}" alt="Team photo">`);
  });

  it('escapes HTML in the URL and the alt text, quotes included', () => {
    const html = formatCopy('html', { key: 'k', url: 'https://x.test/images?key=a&b="c"', alt: `<script>"Tom's" & Jerry</script>` });
    expect(html).toBe('<img src="https://x.test/images?key=a&amp;b=&quot;c&quot;" alt="&lt;script&gt;&quot;Tom&#39;s&quot; &amp; Jerry&lt;/script&gt;">');
    expect(html).not.toMatch(/<script/);
  });

  it('folds line breaks in HTML alt text', () => {
    expect(formatCopy('html', { ...plain, alt: 'two\nlines' })).toContain('alt="two lines"');
  });

  it('escapes brackets and backslashes in Markdown alt text, and folds line breaks', () => {
    expect(escapeMarkdownAlt('a [b] c\\d')).toBe('a \\[b\\] c\\\\d');
    expect(formatCopy('markdown', { ...plain, alt: 'x](javascript:alert(1))\n![y' })).toBe(
      `![x\\](javascript:alert(1)) !\\[y](${plain.url})`,
    );
  });

  it('percent-encodes what would end a Markdown link early, keeping the URL the same', () => {
    expect(escapeMarkdownUrl('https://x.test/a b(1)<2>')).toBe('https://x.test/a%20b%281%29%3C2%3E');
    expect(formatCopy('markdown', { ...plain, url: 'https://x.test/i?key=a)b' })).toBe('![Team photo](https://x.test/i?key=a%29b)');
    expect(decodeURI(escapeMarkdownUrl('https://x.test/a b'))).toBe('https://x.test/a b');
  });

  it('escapeHtml leaves plain text alone', () => {
    expect(escapeHtml('plain text 123')).toBe('plain text 123');
  });

  it('takes alt text from the file name, else from the type and id', () => {
    expect(altFor({ fileName: 'Team photo.jpeg', metadata: { type: 'UGC' } })).toBe('Team photo');
    expect(altFor({ metadata: { type: 'USER', id: 'alice' } })).toBe('user alice');
    expect(altFor({ fileName: '', metadata: { type: 'LOGO' } })).toBe('logo');
  });
});
