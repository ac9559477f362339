/** The sandbox's sign-in pages: "Allow" or "Deny" for a held request, and errors shown in place. */
import type { OAuthUser } from './oauth-knobs.js';
import { sendText, type Reply } from './respond.js';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function html(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font:15px system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}button{font:inherit;padding:.4rem 1rem;margin-right:.5rem}</style>
</head><body><h1>${escape(title)}</h1>${body}</body></html>`;
}

/** The consent page: the form posts the held request's id and the decision back. */
export function consentPage(reply: Reply, requestId: string, user: OAuthUser, clientId: string, scope: string): Promise<void> {
  const body = `<p><strong>${escape(clientId)}</strong> wants to sign in to the Glean sandbox as
<strong>${escape(user.name)}</strong> (${escape(user.email)}).</p>
<p>Access asked for: <code>${escape(scope || '(none)')}</code></p>
<form method="post" action="/oauth/authorize">
<input type="hidden" name="request" value="${escape(requestId)}">
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`;
  return sendText(reply, 200, html('Sandbox sign-in', body), { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
}

/** An error shown on the server's own page, for requests that must not be redirected anywhere. */
export function errorPage(reply: Reply, status: number, title: string, detail: string): Promise<void> {
  return sendText(reply, status, html(title, `<p>${escape(detail)}</p>`), { 'content-type': 'text/html; charset=utf-8' });
}
