import { ERROR_CODES, type ErrorCode } from './types';

export type ApiErrorDetail = { field: string | null; message: string };

/** A failed API call, carrying the server's error envelope (or what we could infer when there was none). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly details: ApiErrorDetail[];
  /** Seconds from the `Retry-After` header (rate limits and lockouts), when the server sent one. */
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    status: number;
    code: ErrorCode;
    message: string;
    details?: ApiErrorDetail[];
    retryAfterSeconds?: number | null;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }
}

function codeForStatus(status: number): ErrorCode {
  const byStatus: Record<number, ErrorCode> = {
    400: 'INVALID_INPUT',
    401: 'UNAUTHORIZED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    409: 'CONFLICT',
    422: 'UNPROCESSABLE_ENTITY',
    429: 'RATE_LIMIT_EXCEEDED',
    503: 'SERVICE_UNAVAILABLE',
  };
  return byStatus[status] ?? 'INTERNAL_ERROR';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function parseDetails(value: unknown): ApiErrorDetail[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((detail) => ({
    field: typeof detail.field === 'string' ? detail.field : null,
    message: typeof detail.message === 'string' ? detail.message : '',
  }));
}

function parseRetryAfter(header: string | null): number | null {
  if (header === null) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Builds an ApiError from a non-2xx response and its parsed body (an error envelope or anything else). */
export function apiErrorFromResponse(response: Response, body: unknown): ApiError {
  const retryAfterSeconds = parseRetryAfter(response.headers.get('Retry-After'));
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  const code = error && ERROR_CODES.includes(error.code as ErrorCode) ? (error.code as ErrorCode) : null;
  if (error && code) {
    return new ApiError({
      status: response.status,
      code,
      message: typeof error.message === 'string' ? error.message : response.statusText,
      details: parseDetails(error.details),
      retryAfterSeconds,
    });
  }
  return new ApiError({
    status: response.status,
    code: codeForStatus(response.status),
    message: response.statusText || `HTTP ${response.status}`,
    retryAfterSeconds,
  });
}
