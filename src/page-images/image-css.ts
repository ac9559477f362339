/**
 * Stylesheets the background injects into a page (scripting.insertCSS) to have the browser load
 * a Glean image without any write to the page: page scripts do not see such sheets in
 * document.styleSheets, and the page's HTML stays as it was. Used for data-glean-image-key
 * elements, and to ask again for images a rate limit held back (an <img> that failed does not
 * load again by itself).
 */

/** A CSS string literal for any text (quotes, backslashes, newlines escaped). */
export function cssString(value: string): string {
  return `"${value.replace(/["\\\n\r\f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

const IMG = (url: string) => `{content:url(${cssString(url)}) !important}`;
const BG = (url: string) => `{background-image:url(${cssString(url)}) !important}`;

/** Rules that show each keyed element's image: an <img> replaced, anything else as background. */
export function keyedCss(keys: string[], endpoint: string): string {
  return keys
    .map((key) => {
      const url = `${endpoint}?${new URLSearchParams({ key })}`;
      const attr = `[data-glean-image-key=${cssString(key)}]`;
      return `img${attr}${IMG(url)}\n:not(img)${attr}${BG(url)}`;
    })
    .join('\n');
}

/** The spellings a page may have used for a URL the browser requested (absolute, path, decoded). */
function spellings(url: string): string[] {
  const u = new URL(url);
  const forms = new Set([url, u.pathname + u.search]);
  for (const f of [...forms]) {
    try {
      forms.add(decodeURIComponent(f));
    } catch {
      // Not decodable: the other spellings still match.
    }
  }
  return [...forms];
}

/** Rules that make the browser load these URLs again where a page names them. */
export function retryCss(urls: string[]): string {
  const rules: string[] = [];
  for (const url of urls) {
    for (const s of spellings(url).map(cssString)) {
      rules.push(`img[src=${s}],img[srcset*=${s}],picture:has(>source[srcset*=${s}])>img${IMG(url)}`);
      rules.push(`:not(img)[style*=${s}]${BG(url)}`);
    }
  }
  return rules.join('\n');
}
