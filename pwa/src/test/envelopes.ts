import type { Me, Role, TokenResponse } from '@/shared/api/types';

const meta = () => ({ request_id: 'test-request', timestamp: new Date().toISOString() });

export function okEnvelope(data: unknown, init: ResponseInit = {}): Response {
  return Response.json({ success: true, data, meta: meta() }, { status: 200, ...init });
}

/** A page of a list endpoint: `items`, with `total` items in all (a count asks for one item and reads the total). */
export function pageEnvelope(items: unknown[], total = items.length): Response {
  const pagination = { page: 1, per_page: Math.max(1, items.length), total, total_pages: 1, next_page: null, prev_page: null };
  return Response.json({ success: true, data: items, pagination, meta: meta() });
}

export function errorEnvelope(
  status: number,
  code: string,
  message: string,
  details: { field: string | null; message: string }[] = [],
  headers: Record<string, string> = {},
): Response {
  return Response.json({ success: false, error: { code, message, details }, meta: meta() }, { status, headers });
}

export function makeMe(role: Role, overrides: Partial<Me> = {}): Me {
  return {
    id: `00000000-0000-4000-8000-00000000000${['admin', 'publisher', 'teacher', 'student'].indexOf(role)}`,
    email: `${role}@dream.test`,
    username: null,
    full_name: `Demo ${role}`,
    role,
    is_active: true,
    profile_id: null,
    school_id: null,
    publisher_id: null,
    ...overrides,
  };
}

export function makeTokens(role: Role, generation = 1): TokenResponse {
  return {
    access_token: `access-${generation}`,
    refresh_token: `refresh-${generation}`,
    token_type: 'bearer',
    expires_in: 3600,
    refresh_expires_in: 7 * 24 * 3600,
    user: makeMe(role),
  };
}

type Handler = (request: Request) => Response | Promise<Response>;

// The sync engine every signed-in screen runs in the background, answered as an empty feed unless a test routes
// these paths itself; its requests are left out of `requests`, which tests read for the screen's own calls.
const BACKGROUND_SYNC: Record<string, Handler> = {
  'POST /api/v1/sync/devices': () => okEnvelope({ device_id: 'test-device', name: null, clock_skew_ms: null }),
  'POST /api/v1/sync/pull': () => okEnvelope({ changes: [], cursor: 'c0', has_more: false, server_time: Date.now() }),
};

/** A stand-in for the network: routes `METHOD /path` to handlers and records every request it saw. */
export function fakeFetch(routes: Record<string, Handler>) {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const route = `${request.method} ${new URL(request.url).pathname}`;
    const background = routes[route] === undefined ? BACKGROUND_SYNC[route] : undefined;
    if (background) return background(request);
    requests.push(request.clone());
    const handler = routes[route];
    if (!handler) return errorEnvelope(404, 'NOT_FOUND', 'no such route in this test');
    return handler(request);
  };
  return { fetch, requests };
}
