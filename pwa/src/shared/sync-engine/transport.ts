// How the engine reaches the server: a JSON POST returning the raw Response, so the engine can read statuses,
// Retry-After and envelopes itself. Tests pass a fake fetch; the app goes through the authorised API client
// (bearer token, single-flight refresh on 401).
import { api } from '@/shared/api/client';

/** A JSON answer: its status, Retry-After header and parsed body (null when not JSON). */
export type TransportResponse = { status: number; retryAfter: string | null; body: unknown };

/** Rejects (e.g. TypeError) when the server cannot be reached. */
export type SendJson = (path: string, body: unknown) => Promise<TransportResponse>;

export function fetchTransport(fetchFn: (request: Request) => Promise<Response>, baseUrl = 'http://localhost'): SendJson {
  return async (path, body) => {
    const response = await fetchFn(
      new Request(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
    const parsed: unknown = await response.json().catch(() => null);
    return { status: response.status, retryAfter: response.headers.get('Retry-After'), body: parsed };
  };
}

type UntypedPost = (
  path: string,
  init: { body: unknown },
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** The app's transport: the shared client, so token refresh is shared with every other request. */
export const apiTransport: SendJson = async (path, body) => {
  // The engine reads envelopes itself, so it does not need the generated types of the sync paths.
  const post = api.POST as unknown as UntypedPost;
  const { data, error, response } = await post(path, { body });
  return { status: response.status, retryAfter: response.headers.get('Retry-After'), body: data ?? error ?? null };
};

export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterMs: number | null,
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }
}

/** The envelope's `data` of a 2xx answer; anything else becomes a SyncHttpError. */
export function readEnvelope<T>(response: TransportResponse): T {
  const body = response.body as { success?: boolean; data?: T; error?: { code?: string; message?: string } } | null;
  const ok = response.status >= 200 && response.status < 300;
  if (ok && body !== null && typeof body === 'object' && body.data !== undefined) return body.data;
  const retryAfter = Number(response.retryAfter ?? NaN);
  throw new SyncHttpError(
    response.status,
    body?.error?.code ?? 'INTERNAL_ERROR',
    body?.error?.message ?? `HTTP ${response.status}`,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null,
  );
}
