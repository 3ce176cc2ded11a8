import { apiErrorFromResponse } from './api-error';

export type PageInfo = {
  page: number;
  per_page: number;
  total: number;
  total_pages: number;
  next_page: number | null;
  prev_page: number | null;
};

type FetchResult = { data?: unknown; error?: unknown; response: Response };
type PageItems<Result extends FetchResult> =
  NonNullable<Result['data']> extends { data: infer Items; pagination: PageInfo } ? Items : never;

/** A page of a list endpoint: its items and the pagination block, or the error envelope as an ApiError. */
export async function unwrapPage<Result extends FetchResult>(
  call: Promise<Result>,
): Promise<{ items: PageItems<Result>; pagination: PageInfo }> {
  const result = await call;
  if (result.data === undefined || !result.response.ok) throw apiErrorFromResponse(result.response, result.error);
  const body = result.data as { data: PageItems<Result>; pagination: PageInfo };
  return { items: body.data, pagination: body.pagination };
}

/** Throws the error envelope of a call without a body to return (204 deletes). */
export async function expectOk(call: Promise<FetchResult>): Promise<void> {
  const result = await call;
  if (!result.response.ok) throw apiErrorFromResponse(result.response, result.error);
}
