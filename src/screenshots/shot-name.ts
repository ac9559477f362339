/** A screenshot's file name for history and Markdown: the site and the time, e.g. screenshot-example.com-2026-12-02-10-04-05.png. */
export function shotFileName(pageUrl: string | undefined, format: string, now = new Date()): string {
  let host = 'page';
  try {
    host = new URL(pageUrl ?? '').hostname || 'page';
  } catch {
    // not a URL: keep "page"
  }
  const stamp = now.toISOString().slice(0, 19).replace(/[T:]/g, '-');
  return `screenshot-${host}-${stamp}.${format === 'jpeg' ? 'jpg' : format}`;
}
