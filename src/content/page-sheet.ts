/**
 * One stylesheet the content script adopts into the page (document.adoptedStyleSheets): the way
 * it has the browser load a Glean image for an element without any write to the page's DOM.
 * Nothing of it is serialised with the page, and the page's elements keep every attribute. The
 * sheet is made by the page's own CSSStyleSheet so the loads it causes are the page's: Firefox
 * would otherwise name the extension as their initiator, and the token rules act only for pages.
 */

type Win = Window & typeof globalThis;

/** The page's own window: Firefox hands content scripts a wrapped view (see wrappedJSObject). */
function pageWindow(): Win {
  return ((window as unknown as { wrappedJSObject?: Win }).wrappedJSObject ?? window) as Win;
}

/** The sheet's rules by name, rebuilt into the sheet as a whole on every change. */
export class PageSheet {
  private readonly rules = new Map<string, string>();
  private sheet: CSSStyleSheet | null = null;

  /** Adds or replaces rules; `reload` names ones to take out for a frame first, so they load again. */
  set(rules: Map<string, string>, reload: string[] = []): void {
    const again = reload.filter((name) => this.rules.has(name));
    for (const name of again) this.rules.delete(name);
    if (again.length) {
      this.apply();
      // The same rule straight back would not make the browser ask again; a frame without it does.
      requestAnimationFrame(() => this.set(rules));
      return;
    }
    for (const [name, css] of rules) this.rules.set(name, css);
    this.apply();
  }

  /** Takes the sheet out of the page. */
  remove(): void {
    const doc = pageWindow().document;
    if (this.sheet) doc.adoptedStyleSheets = [...doc.adoptedStyleSheets].filter((s) => s !== this.sheet);
    this.sheet = null;
  }

  private apply(): void {
    const win = pageWindow();
    if (!this.sheet) {
      this.sheet = new win.CSSStyleSheet();
      // push on the page's own array: Firefox refuses an array made in the content script's world.
      win.document.adoptedStyleSheets.push(this.sheet);
    }
    this.sheet.replaceSync([...this.rules.values()].join('\n'));
  }
}
