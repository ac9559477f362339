import { describe, expect, it } from 'vitest';
import { cssString, keyedCss, retryCss } from '../../../src/page-images/image-css';

const ENDPOINT = 'https://acme-be.glean.com/rest/api/v1/images';

describe('cssString', () => {
  it('quotes any text so it cannot end the string or the rule', () => {
    expect(cssString('plain')).toBe('"plain"');
    const hostile = 'a"]{}body{display:none}\\\n';
    const quoted = cssString(hostile);
    // Inside the quotes, no unescaped quote, and no raw backslash or newline.
    expect(quoted.slice(1, -1)).not.toMatch(/(^|[^\\])"/);
    expect(quoted).not.toContain('\n');
    expect(quoted).toBe('"a\\22 ]{}body{display:none}\\5c \\a "');
  });
});

describe('keyedCss', () => {
  it('shows an <img> by replacing its content and anything else as its background, URL built here', () => {
    const css = keyedCss(['seed-alice', 'ref key/ü&='], ENDPOINT);
    expect(css).toContain(`img[data-glean-image-key="seed-alice"]{content:url("${ENDPOINT}?key=seed-alice") !important}`);
    expect(css).toContain(`:not(img)[data-glean-image-key="seed-alice"]{background-image:url("${ENDPOINT}?key=seed-alice") !important}`);
    expect(css).toContain(`url("${ENDPOINT}?key=ref+key%2F%C3%BC%26%3D")`);
  });
});

describe('retryCss', () => {
  it('names the URL as pages may have written it: absolute, from the root, decoded', () => {
    const url = `${ENDPOINT}?key=ref%20key`;
    const css = retryCss([url]);
    for (const spelling of [url, '/rest/api/v1/images?key=ref%20key', '/rest/api/v1/images?key=ref key']) {
      expect(css).toContain(`img[src="${spelling}"]`);
      expect(css).toContain(`img[srcset*="${spelling}"]`);
      expect(css).toContain(`picture:has(>source[srcset*="${spelling}"])>img`);
      expect(css).toContain(`:not(img)[style*="${spelling}"]`);
    }
    expect(css.match(/content:url\("([^"]+)"\)/)![1]).toBe(url);
  });
});
