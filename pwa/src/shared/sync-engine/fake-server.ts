// A small in-memory stand-in of the sync endpoints for unit tests: the server rule of PROTOCOL.md section 6
// (applyIncoming), an op log that answers replays identically, and a change feed with an opaque cursor.
import { applyIncoming } from '@/shared/sync';
import type { AttemptState } from '@/shared/sync/types';

import type { ChangeEntry, OpResult, PushRequest, SyncOp } from './types';

type Handler = (path: string, body: unknown) => Response | null;

export class FakeSyncServer {
  readonly attempts = new Map<string, AttemptState>();
  readonly opLog = new Map<string, OpResult>();
  readonly feed: { userId: string; entry: ChangeEntry }[] = [];
  readonly requests: { path: string; body: unknown; token: string | null }[] = [];
  /** Attempt ids owned by other students (pushes get `not_your_attempt`). */
  readonly foreignAttempts = new Set<string>();
  /** Assignment id -> the rejection every op of it gets (e.g. `not_assigned`; `internal_error` is retryable). */
  readonly rejections = new Map<string, { code: string; reason: string; retryable?: boolean }>();
  clockSkewMs = 0;
  serverTime = 1_767_261_600_000;
  /** Lets a test answer a request itself (errors, lost responses); return null to fall through. */
  intercept: Handler | null = null;
  /** Applies the request but then fails like a lost response (the client sees a network error). */
  loseNextResponse = false;

  constructor(readonly userForToken: (token: string | null) => string = () => 'user-a') {}

  readonly fetch = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    const body: unknown = await request.json();
    const token = request.headers.get('Authorization');
    this.requests.push({ path, body, token });
    if (path.endsWith('/sync/devices')) return envelope({ ...(body as object), name: null, clock_skew_ms: null });
    const intercepted = this.intercept?.(path, body) ?? null;
    if (intercepted !== null) return intercepted;
    const userId = this.userForToken(token);
    const response = path.endsWith('/sync/push')
      ? this.push(userId, body as PushRequest)
      : path.endsWith('/sync/pull')
        ? this.pull(userId, body as { cursor: string | null; limit: number })
        : envelopeError(404, 'NOT_FOUND');
    if (this.loseNextResponse) {
      this.loseNextResponse = false;
      throw new TypeError('Failed to fetch');
    }
    return response;
  };

  publish(userId: string, entry: ChangeEntry): void {
    this.feed.push({ userId, entry });
  }

  pushes(): PushRequest[] {
    return this.requests.filter((request) => request.path.endsWith('/sync/push')).map((request) => request.body as PushRequest);
  }

  private push(userId: string, request: PushRequest): Response {
    const touched = new Set<string>();
    const results = request.ops.map((op: SyncOp): OpResult => {
      const key = `${userId}/${request.device_id}/${op.op_id}`;
      const replay = this.opLog.get(key);
      if (replay) return { ...replay, replayed: true };
      let result: OpResult;
      const rejection = this.rejections.get(op.attempt.assignment_id);
      if (rejection?.retryable) {
        // The op failed on the server: nothing was recorded, so a retry is applied afresh.
        return { op_id: op.op_id, outcome: 'rejected', error: rejection };
      }
      if (rejection) {
        result = { op_id: op.op_id, outcome: 'rejected', error: rejection };
      } else if (this.foreignAttempts.has(op.attempt.attempt_id)) {
        result = { op_id: op.op_id, outcome: 'rejected', error: { code: 'not_your_attempt', reason: 'not yours' } };
      } else if (Object.keys(op.attempt.answers).some((id) => id.startsWith('bad'))) {
        result = { op_id: op.op_id, outcome: 'rejected', error: { code: 'invalid_op', reason: 'unknown activity' } };
      } else {
        const [outcome, stored] = applyIncoming(this.attempts.get(op.attempt.attempt_id) ?? null, op.attempt);
        this.attempts.set(op.attempt.attempt_id, stored);
        touched.add(op.attempt.attempt_id);
        result = { op_id: op.op_id, outcome, attempt_id: op.attempt.attempt_id };
        if (outcome !== 'duplicate') {
          this.publish(userId, { entity_type: 'attempt', entity_id: op.attempt.attempt_id, op: 'upsert', payload: stored as never });
        }
      }
      this.opLog.set(key, result);
      return result;
    });
    return envelope({
      server_time: this.serverTime,
      clock_skew_ms: this.clockSkewMs,
      results,
      attempts: [...touched].map((id) => this.attempts.get(id)!),
    });
  }

  private pull(userId: string, request: { cursor: string | null; limit: number }): Response {
    const start = request.cursor === null ? 0 : Number(request.cursor.replace('c', ''));
    if (!Number.isInteger(start)) return envelopeError(409, 'CONFLICT');
    const mine = this.feed.map((item, index) => ({ ...item, index })).filter((item) => item.userId === userId && item.index >= start);
    const page = mine.slice(0, request.limit);
    const next = page.length === 0 ? start : page.at(-1)!.index + 1;
    return envelope({
      changes: page.map((item) => item.entry),
      cursor: `c${next}`,
      has_more: mine.length > page.length,
      server_time: this.serverTime,
    });
  }
}

export function envelope(data: unknown, status = 200): Response {
  return new Response(JSON.stringify({ success: true, data, meta: { request_id: 'r', timestamp: 't' } }), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

export function envelopeError(status: number, code: string, headers: Record<string, string> = {}): Response {
  return new Response(
    JSON.stringify({ success: false, error: { code, message: code.toLowerCase(), details: [] }, meta: {} }),
    { status, headers: { 'Content-Type': 'application/json', ...headers } },
  );
}
