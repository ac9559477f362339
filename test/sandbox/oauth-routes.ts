/**
 * HTTP for the sandbox's OAuth server, and its test controls:
 *   GET  /.well-known/oauth-authorization-server   discovery (404 unless oauthDiscovery is 'both')
 *   GET  /.well-known/openid-configuration         discovery (404 when oauthDiscovery is 'none')
 *   GET  /oauth/authorize     checks client, redirect URI, PKCE; page with "Allow" (or redirects at once)
 *   POST /oauth/authorize     the page's decision
 *   POST /oauth/token         authorization_code and refresh_token grants (form-encoded)
 *   POST /oauth/register      RFC 7591 Dynamic Client Registration (404 unless offered)
 *   GET  /oauth/jwks          the ID tokens' public key
 *   POST /oauth/revoke        RFC 7009
 *   GET  /oauth/userinfo      the user of a bearer access token
 *   GET|POST /__sandbox/oauth/knobs, POST /__sandbox/oauth/revoke {"refreshToken"?},
 *   POST /__sandbox/oauth/expire, GET /__sandbox/oauth/tokens, GET /__sandbox/oauth/clients (not logged)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mergeOAuthKnobs } from './oauth-knobs.js';
import { consentPage, errorPage } from './oauth-page.js';
import type { OAuthServer } from './oauth-server.js';
import { PREFLIGHT_HEADERS, send, sendJson, sendText, type Reply } from './respond.js';

export const OAUTH_CONTROL_PREFIX = '/__sandbox/oauth/';
const WELL_KNOWN_OAUTH = '/.well-known/oauth-authorization-server';
const WELL_KNOWN_OIDC = '/.well-known/openid-configuration';
// Token answers must never be cached (RFC 6749 §5.1).
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

/** Whether a path belongs to the OAuth server. */
export function isOAuthPath(path: string): boolean {
  return path === WELL_KNOWN_OAUTH || path === WELL_KNOWN_OIDC || path.startsWith('/oauth/');
}

const formOf = (body: Buffer) => new URLSearchParams(body.toString('utf8'));
const redirectTo = (reply: Reply, location: string) => send(reply, 302, { location, 'cache-control': 'no-store' });

function authorize(server: OAuthServer, params: URLSearchParams, reply: Reply): Promise<void> {
  const clientId = params.get('client_id') ?? '';
  const redirectUri = params.get('redirect_uri') ?? '';
  // Errors about the client or its redirect URI are shown here: never redirect to an unregistered address.
  if (!server.knowsClient(clientId)) return errorPage(reply, 400, 'Unknown client', `No client "${clientId}" is registered.`);
  if (!server.redirectAllowed(clientId, redirectUri)) return errorPage(reply, 400, 'Redirect URI not registered', `"${redirectUri}" is not a redirect URI of ${clientId}.`);
  const state = params.get('state');
  const back = (error: string, description: string) => redirectTo(reply, server.redirect({ redirectUri, state }, { error, error_description: description }));
  if (params.get('response_type') !== 'code') return back('unsupported_response_type', 'only response_type=code is supported');
  const challenge = params.get('code_challenge');
  if (!challenge || params.get('code_challenge_method') !== 'S256') return back('invalid_request', 'PKCE with code_challenge_method=S256 is required');
  const scope = params.get('scope') ?? '';
  const refused = server.scopesRefused(clientId, scope);
  if (refused.length) return back('invalid_scope', `a self-registered client may not ask for ${refused.join(' ')}`);
  const nonce = params.get('nonce');
  const request = { clientId, redirectUri, state, challenge, scope, ...(nonce ? { nonce } : {}) };
  if (server.knobs.oauthAutoApprove) return redirectTo(reply, server.approve(request));
  return consentPage(reply, server.hold(request), server.knobs.oauthUser, clientId, request.scope);
}

function decide(server: OAuthServer, form: URLSearchParams, reply: Reply): Promise<void> {
  const request = server.take(form.get('request') ?? '');
  if (!request) return errorPage(reply, 400, 'Sign-in expired', 'This sign-in request is unknown or was already answered. Start again.');
  if (form.get('decision') === 'allow') return redirectTo(reply, server.approve(request));
  return redirectTo(reply, server.redirect(request, { error: 'access_denied', error_description: 'the user denied access' }));
}

function userinfo(server: OAuthServer, req: IncomingMessage, reply: Reply): Promise<void> {
  const token = /^Bearer +(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const user = token ? server.tokens.userFor(token) : undefined;
  if (!user) return sendJson(reply, 401, { error: 'invalid_token' }, { 'www-authenticate': 'Bearer error="invalid_token"' });
  return sendJson(reply, 200, user, NO_STORE);
}

/** Answers a request to an OAuth path (see isOAuthPath). */
export async function handleOAuth(server: OAuthServer, req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer, onStatus: (s: number) => void): Promise<void> {
  const reply: Reply = { res, slowBodyMs: 0, onStatus };
  if (req.method === 'OPTIONS') return send(reply, 204, PREFLIGHT_HEADERS);
  const discovery = server.knobs.oauthDiscovery;
  switch (`${req.method} ${url.pathname}`) {
    case `GET ${WELL_KNOWN_OAUTH}`:
      return discovery === 'both' ? sendJson(reply, 200, server.metadata()) : sendText(reply, 404, 'not found');
    case `GET ${WELL_KNOWN_OIDC}`:
      return discovery !== 'none' ? sendJson(reply, 200, server.metadata()) : sendText(reply, 404, 'not found');
    case 'GET /oauth/authorize':
      return authorize(server, url.searchParams, reply);
    case 'POST /oauth/authorize':
      return decide(server, formOf(body), reply);
    case 'POST /oauth/token': {
      if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
        return sendJson(reply, 400, { error: 'invalid_request', error_description: 'send the parameters form-encoded' }, NO_STORE);
      }
      const answer = server.token(formOf(body));
      return sendJson(reply, answer.status, answer.body, NO_STORE);
    }
    case 'POST /oauth/register': {
      if (!server.registrationOffered) return sendText(reply, 404, 'not found');
      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        return sendJson(reply, 400, { error: 'invalid_client_metadata', error_description: 'the body is not JSON' }, NO_STORE);
      }
      const answer = server.register(json);
      return sendJson(reply, answer.status, answer.body, NO_STORE);
    }
    case 'GET /oauth/jwks':
      return sendJson(reply, 200, server.tokens.jwks());
    case 'POST /oauth/revoke':
      server.tokens.revoke(formOf(body).get('token') ?? '');
      return send(reply, 200, {});
    case 'GET /oauth/userinfo':
      return userinfo(server, req, reply);
    default:
      return sendText(reply, 404, 'not found');
  }
}

/** The OAuth test controls under /__sandbox/oauth/. */
export async function handleOAuthControl(server: OAuthServer, req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> {
  const reply: Reply = { res, slowBodyMs: 0 };
  if (req.method === 'OPTIONS') return send(reply, 204, PREFLIGHT_HEADERS);
  let json: Record<string, unknown> = {};
  try {
    json = body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
  } catch {
    return sendText(reply, 400, 'body is not JSON');
  }
  switch (`${req.method} ${url.pathname.slice(OAUTH_CONTROL_PREFIX.length)}`) {
    case 'GET knobs':
      return sendJson(reply, 200, server.knobs);
    case 'POST knobs':
      try {
        mergeOAuthKnobs(server.knobs, json);
      } catch (error) {
        return sendText(reply, 400, (error as Error).message);
      }
      return sendJson(reply, 200, server.knobs);
    case 'POST revoke':
      return sendJson(reply, 200, { revoked: server.tokens.revokeRefreshTokens(typeof json.refreshToken === 'string' ? json.refreshToken : undefined) });
    case 'POST expire':
      return sendJson(reply, 200, { expired: server.tokens.expireAccessTokens() });
    case 'GET tokens':
      return sendJson(reply, 200, server.tokens.counts());
    case 'GET clients':
      return sendJson(reply, 200, server.clients.list());
    default:
      return sendText(reply, 404, `no OAuth control endpoint ${url.pathname}`);
  }
}
