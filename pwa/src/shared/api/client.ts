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

type FetchResult = { data?: unknown; error?: unknown; response: Response };
type EnvelopeData<Result extends FetchResult> = NonNullable<Result['data']> extends { data: infer Data } ? Data : never;

/** Returns the envelope's `data`, or throws the error envelope as an ApiError. */
export async function unwrap<Result extends FetchResult>(call: Promise<Result>): Promise<EnvelopeData<Result>> {
  const result = await call;
  if (result.data === undefined || !result.response.ok) throw apiErrorFromResponse(result.response, result.error);
  return (result.data as { data: EnvelopeData<Result> }).data;
}

/** Authenticated raw fetch of an API path, for what the typed client does not fit (file uploads and downloads). */
export function apiFetch(path: string, init?: RequestInit): Promise<Response> {
  return authFetch.fetch(new Request(`${baseUrl}${path}`, init));
}
