import createClient from 'openapi-fetch';

import { sessionTokenStorage } from '@/shared/session/session';

import { apiErrorFromResponse } from './api-error';
import { createAuthFetch } from './auth-fetch';
import type { paths } from './generated/schema';

// Same origin in the browser (the API serves the app; the dev server proxies /api).
const baseUrl = globalThis.location?.origin ?? '';

const authFetch = createAuthFetch({ baseUrl, storage: sessionTokenStorage });

/** The typed API client: adds the bearer token and refreshes it once on a 401. */
export const api = createClient<paths>({ baseUrl, fetch: authFetch.fetch });

export const refreshSession = authFetch.refreshSession;

type FetchResult<Envelope> =
  | { data: Envelope; error?: never; response: Response }
  | { data?: never; error: unknown; response: Response };

/** Returns the envelope's `data`, or throws the error envelope as an ApiError. */
export async function unwrap<Envelope extends { data: unknown }>(
  call: Promise<FetchResult<Envelope>>,
): Promise<Envelope['data']> {
  const result = await call;
  if (result.data === undefined || !result.response.ok) throw apiErrorFromResponse(result.response, result.error);
  return result.data.data;
}
