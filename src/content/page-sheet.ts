/**
 * Stylesheets the content script adopts into the page (document.adoptedStyleSheets): the way it
 * has the browser load a Glean image for an element without any write to the page's DOM. Nothing
 * of them is serialised with the page, and the page's elements keep every attribute. Each is made
 * by the page's own CSSStyleSheet so the loads it causes are the page's: Firefox would otherwise
 * name the extension as their initiator, and the token rules act only for pages.
 *
 * One sheet per name, never rewritten: rebuilding a sheet restyles every element it touches, and
 * Chromium then aborts the loads still under way for them (seen as net::ERR_ABORTED).
 */

type Win = Window & typeof globalThis;

/** The page's own window: Firefox hands content scripts a wrapped view (see wrappedJSObject). */
function pageWindow(): Win {
  return ((window as unknown as { wrappedJSObject?: Win }).wrappedJSObject ?? window) as Win;
}

export class PageSheet {
  private readonly sheets = new Map<string, CSSStyleSheet>();

  /** Adopts a sheet per rule; `reload` names ones to take out for a frame first, so they load again. */
  set(rules: Map<string, string>, reload: string[] = []): void {
    const again = reload.filter((name) => this.sheets.has(name));
    if (again.length) {
      this.drop(again);
      // The same rule straight back would not make the browser ask again; a frame without it does.
      requestAnimationFrame(() => this.set(rules));
      return;
    }
    const win = pageWindow();
    for (const [name, css] of rules) {
      if (this.sheets.has(name)) continue;
      const sheet = new win.CSSStyleSheet();
      sheet.replaceSync(css);
      // push on the page's own array: Firefox refuses an array made in the content script's world.
      win.document.adoptedStyleSheets.push(sheet);
      this.sheets.set(name, sheet);
    }
  }

  /** Takes every sheet out of the page. */
  remove(): void {
    this.drop([...this.sheets.keys()]);
  }

  private drop(names: string[]): void {
    const gone = new Set(names.map((n) => this.sheets.get(n)));
    names.forEach((n) => this.sheets.delete(n));
    const doc = pageWindow().document;
    const list = doc.adoptedStyleSheets;
    // Spliced in place, on the page's own array (see above).
    for (let i = list.length - 1; i >= 0; i--) if (gone.has(list[i])) list.splice(i, 1);
  }
}
