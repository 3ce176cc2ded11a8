import { describe, expect, it } from 'vitest';

import { errorEnvelope, fakeFetch, makeTokens, okEnvelope } from '@/test/envelopes';

import { ApiError, apiErrorFromResponse } from './api-error';
import { createAuthFetch, type TokenStorage } from './auth-fetch';
import type { TokenResponse } from './types';

const BASE = 'http://app.test';

/** Token storage kept in plain variables, recording what the client asked it to do. */
function memoryStorage(initial: { access: string | null; refresh: string | null }) {
  const state = { ...initial, saved: [] as TokenResponse[], rejected: 0 };
  const storage: TokenStorage = {
    accessToken: () => state.access,
    refreshToken: async () => state.refresh,
    saveTokens: async (tokens) => {
      state.saved.push(tokens);
      state.access = tokens.access_token;
      state.refresh = tokens.refresh_token;
    },
    sessionRejected: async () => {
      state.rejected += 1;
      state.access = null;
      state.refresh = null;
    },
  };
  return { state, storage };
}

const bearerOf = (request: Request) => request.headers.get('Authorization');

describe('createAuthFetch', () => {
  it('refreshes once for concurrent 401s, stores the rotated token and replays every request', async () => {
    const { state, storage } = memoryStorage({ access: 'stale', refresh: 'refresh-0' });
    let refreshCalls = 0;
    let releaseRefresh: () => void = () => undefined;
    const refreshGate = new Promise<void>((resolve) => {
      releaseRefresh = resolve;
    });
    const server = fakeFetch({
      'GET /api/v1/auth/me': (request) =>
        bearerOf(request) === 'Bearer access-1' ? okEnvelope({ ok: true }) : errorEnvelope(401, 'UNAUTHORIZED', 'expired'),
      'POST /api/v1/auth/refresh': async (request) => {
        refreshCalls += 1;
        const body = (await request.json()) as { refresh_token: string };
        if (body.refresh_token !== 'refresh-0') return errorEnvelope(401, 'UNAUTHORIZED', 'reused token');
        await refreshGate;
        return okEnvelope(makeTokens('student', 1));
      },
    });
    const client = createAuthFetch({ baseUrl: BASE, storage, fetch: server.fetch });

    const responses = Promise.all(
      [1, 2, 3].map(() => client.fetch(new Request(`${BASE}/api/v1/auth/me`))),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    releaseRefresh();

    expect((await responses).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(refreshCalls).toBe(1);
    expect(state.refresh).toBe('refresh-1');
    expect(state.saved).toHaveLength(1);
    expect(state.rejected).toBe(0);
  });

  it('replays a request body after refreshing', async () => {
    const { storage } = memoryStorage({ access: 'stale', refresh: 'refresh-0' });
    const server = fakeFetch({
      'POST /api/v1/auth/change-password': async (request) =>
        bearerOf(request) === 'Bearer access-1'
          ? okEnvelope(await request.json())
          : errorEnvelope(401, 'UNAUTHORIZED', 'expired'),
      'POST /api/v1/auth/refresh': () => okEnvelope(makeTokens('teacher', 1)),
    });
    const client = createAuthFetch({ baseUrl: BASE, storage, fetch: server.fetch });

    const response = await client.fetch(
      new Request(`${BASE}/api/v1/auth/change-password`, {
        method: 'POST',
        body: JSON.stringify({ current_password: 'a', new_password: 'b' }),
      }),
    );

    expect(await response.json()).toMatchObject({ data: { current_password: 'a', new_password: 'b' } });
  });

  it('gets an access token first when it has only a refresh token (a reload)', async () => {
    const { storage } = memoryStorage({ access: null, refresh: 'refresh-0' });
    const server = fakeFetch({
      'GET /api/v1/auth/me': (request) => okEnvelope({ authorization: bearerOf(request) }),
      'POST /api/v1/auth/refresh': () => okEnvelope(makeTokens('admin', 1)),
    });
    const client = createAuthFetch({ baseUrl: BASE, storage, fetch: server.fetch });

    const response = await client.fetch(new Request(`${BASE}/api/v1/auth/me`));

    expect(await response.json()).toMatchObject({ data: { authorization: 'Bearer access-1' } });
    expect(server.requests.map((r) => new URL(r.url).pathname)).toEqual(['/api/v1/auth/refresh', '/api/v1/auth/me']);
  });

  it('ends the session when the server refuses the refresh token', async () => {
    const { state, storage } = memoryStorage({ access: 'stale', refresh: 'revoked' });
    const server = fakeFetch({
      'GET /api/v1/auth/me': () => errorEnvelope(401, 'UNAUTHORIZED', 'expired'),
      'POST /api/v1/auth/refresh': () => errorEnvelope(401, 'UNAUTHORIZED', 'revoked'),
    });
    const client = createAuthFetch({ baseUrl: BASE, storage, fetch: server.fetch });

    const response = await client.fetch(new Request(`${BASE}/api/v1/auth/me`));

    expect(response.status).toBe(401);
    expect(state.rejected).toBe(1);
    expect(state.refresh).toBeNull();
  });

  it('keeps the session when the server cannot be reached', async () => {
    const { state, storage } = memoryStorage({ access: null, refresh: 'refresh-0' });
    const offline = async (): Promise<Response> => {
      throw new TypeError('Failed to fetch');
    };
    const client = createAuthFetch({ baseUrl: BASE, storage, fetch: offline });

    await expect(client.refreshSession()).rejects.toThrow(TypeError);
    expect(state.refresh).toBe('refresh-0');
    expect(state.rejected).toBe(0);
  });

  it('retries a refresh answered 409 (token just rotated elsewhere) with the stored token, keeping the session', async () => {
    const { state, storage } = memoryStorage({ access: 'stale', refresh: 'refresh-0' });
    const sent: string[] = [];
    const server = fakeFetch({
      'GET /api/v1/auth/me': (request) =>
        bearerOf(request) === 'Bearer access-2' ? okEnvelope({ ok: true }) : errorEnvelope(401, 'UNAUTHORIZED', 'expired'),
      'POST /api/v1/auth/refresh': async (request) => {
        const { refresh_token } = (await request.json()) as { refresh_token: string };
        sent.push(refresh_token);
        if (refresh_token === 'refresh-0') {
          // Another tab rotated the token a moment ago and saved the new one on the device.
          state.refresh = 'refresh-1';
          return errorEnvelope(409, 'CONFLICT', 'refresh token was just rotated');
        }
        return okEnvelope(makeTokens('student', 2));
      },
    });
    const client = createAuthFetch({ baseUrl: BASE, storage, fetch: server.fetch, conflictRetryDelayMs: 1 });

    const response = await client.fetch(new Request(`${BASE}/api/v1/auth/me`));

    expect(response.status).toBe(200);
    expect(sent).toEqual(['refresh-0', 'refresh-1']);
    expect(state.rejected).toBe(0);
    expect(state.refresh).toBe('refresh-2');
  });

  it.each([409, 429, 503])('keeps the session when the refresh keeps being answered %i', async (status) => {
    const { state, storage } = memoryStorage({ access: null, refresh: 'refresh-0' });
    const server = fakeFetch({
      'POST /api/v1/auth/refresh': () => errorEnvelope(status, status === 409 ? 'CONFLICT' : 'TRY_LATER', 'later'),
    });
    const client = createAuthFetch({ baseUrl: BASE, storage, fetch: server.fetch, conflictRetryDelayMs: 1 });

    await expect(client.fetch(new Request(`${BASE}/api/v1/auth/me`))).rejects.toMatchObject({ status });
    expect(state.rejected).toBe(0);
    expect(state.refresh).toBe('refresh-0');
    // A 409 is retried shortly (twice); other answers are left to the caller's own retry.
    expect(server.requests).toHaveLength(status === 409 ? 3 : 1);
  });

  it('sends login requests as they are, without a token or a refresh', async () => {
    const { storage } = memoryStorage({ access: null, refresh: 'refresh-0' });
    const server = fakeFetch({
      'POST /api/v1/auth/login': (request) =>
        errorEnvelope(401, 'UNAUTHORIZED', `auth header: ${bearerOf(request) ?? 'none'}`),
    });
    const client = createAuthFetch({ baseUrl: BASE, storage, fetch: server.fetch });

    const response = await client.fetch(new Request(`${BASE}/api/v1/auth/login`, { method: 'POST', body: '{}' }));

    expect(response.status).toBe(401);
    expect(server.requests).toHaveLength(1);
    expect(bearerOf(server.requests[0]!)).toBeNull();
  });
});

describe('apiErrorFromResponse', () => {
  it('reads the error envelope, its field details and Retry-After', () => {
    const response = new Response(null, { status: 429, headers: { 'Retry-After': '125' } });
    const error = apiErrorFromResponse(response, {
      success: false,
      error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Slow down', details: [{ field: 'login', message: 'locked' }] },
    });

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 429,
      code: 'RATE_LIMIT_EXCEEDED',
      message: 'Slow down',
      details: [{ field: 'login', message: 'locked' }],
      retryAfterSeconds: 125,
    });
  });

  it('infers the code from the status when the body is not an envelope', () => {
    const error = apiErrorFromResponse(new Response('<html>', { status: 503, statusText: 'Unavailable' }), '<html>');

    expect(error).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', details: [], retryAfterSeconds: null });
  });
});
