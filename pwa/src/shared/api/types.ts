import type { paths } from './generated/schema';

type JsonBodyOf<Response> = Response extends { content: { 'application/json': infer Body } } ? Body : never;

/** The `data` payload of a path's successful (200) JSON envelope, looked up by path so it survives schema renames. */
export type ApiData<Path extends keyof paths, Method extends keyof paths[Path]> = paths[Path][Method] extends {
  responses: { 200: infer Ok };
}
  ? JsonBodyOf<Ok> extends { data: infer Data }
    ? Data
    : never
  : never;

export type Me = ApiData<'/api/v1/auth/me', 'get'>;
export type Role = Me['role'];
export type TokenResponse = ApiData<'/api/v1/auth/login', 'post'>;
export type Health = ApiData<'/api/v1/health', 'get'>;

export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'UNPROCESSABLE_ENTITY',
  'RATE_LIMIT_EXCEEDED',
  'INTERNAL_ERROR',
  'SERVICE_UNAVAILABLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
