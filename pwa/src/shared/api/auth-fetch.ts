import { apiErrorFromResponse } from './api-error';
import type { TokenResponse } from './types';

export const REFRESH_PATH = '/api/v1/auth/refresh';
// Requests that authenticate by their body; a 401 from them is an answer, not an expired access token.
const UNAUTHENTICATED_PATHS = ['/api/v1/auth/login', REFRESH_PATH, '/api/v1/auth/logout'];

/** Where the client keeps tokens: the access token in memory, the refresh token on the device. */
export type TokenStorage = {
  accessToken: () => string | null;
  refreshToken: () => Promise<string | null>;
  /** Called with every login/refresh answer; must persist the rotated refresh token before resolving. */
  saveTokens: (tokens: TokenResponse) => Promise<void>;
  /** The server refused the refresh token (revoked, expired, user disabled): the session is over. */
  sessionRejected: () => Promise<void>;
};

export type AuthFetch = {
  fetch: (request: Request) => Promise<Response>;
  /**
   * Exchanges the refresh token for new tokens. Concurrent callers share one request, because the
   * server rotates the refresh token and treats a second use of the old one as theft. Resolves to the
   * new access token, or null when there is no session or the server refused it (only a 401 ends the
   * session). Rejects when the server could not be reached or answered anything else (409, 429, 5xx): the
   * session is kept and the caller retries later. A 409 means the token was rotated seconds ago (e.g. by
   * another tab, which saved the new one): the refresh is retried shortly with the stored token.
   */
  refreshSession: () => Promise<string | null>;
};

export function createAuthFetch(options: {
  baseUrl: string;
  storage: TokenStorage;
  fetch?: typeof globalThis.fetch;
  /** Wait before retrying a refresh answered 409 (when the answer has no Retry-After). */
  conflictRetryDelayMs?: number;
}): AuthFetch {
  const { baseUrl, storage } = options;
  const conflictRetryDelayMs = options.conflictRetryDelayMs ?? 1000;
  const send = (request: Request): Promise<Response> => (options.fetch ?? globalThis.fetch)(request);
  let refreshInFlight: Promise<string | null> | null = null;

  async function requestNewTokens(conflictRetries = 2): Promise<string | null> {
    const refreshToken = await storage.refreshToken();
    if (refreshToken === null) return null;
    const response = await send(
      new Request(`${baseUrl}${REFRESH_PATH}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refresh_token: refreshToken }),
      }),
    );
    const body: unknown = await response.json().catch(() => null);
    if (response.status === 401) {
      await storage.sessionRejected();
      return null;
    }
    if (!response.ok) {
      const error = apiErrorFromResponse(response, body);
      if (response.status !== 409 || conflictRetries === 0) throw error;
      const delayMs = Math.min((error.retryAfterSeconds ?? 0) * 1000 || conflictRetryDelayMs, 5000);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return requestNewTokens(conflictRetries - 1);
    }
    const tokens = (body as { data: TokenResponse }).data;
    await storage.saveTokens(tokens);
    return tokens.access_token;
  }

  function refreshSession(): Promise<string | null> {
    refreshInFlight ??= requestNewTokens().finally(() => {
      refreshInFlight = null;
    });
    return refreshInFlight;
  }

  function withBearer(request: Request, token: string | null): Request {
    const authorised = new Request(request);
    if (token !== null) authorised.headers.set('Authorization', `Bearer ${token}`);
    return authorised;
  }

  async function authFetch(request: Request): Promise<Response> {
    if (UNAUTHENTICATED_PATHS.includes(new URL(request.url).pathname)) return send(request);
    const replay = request.clone();
    const usedToken = storage.accessToken() ?? (await refreshSession());
    const response = await send(withBearer(request, usedToken));
    if (response.status !== 401) return response;
    // Another request may already have refreshed while this one was in flight.
    const current = storage.accessToken();
    const freshToken = current !== null && current !== usedToken ? current : await refreshSession();
    if (freshToken === null) return response;
    return send(withBearer(replay, freshToken));
  }

  return { fetch: authFetch, refreshSession };
}
