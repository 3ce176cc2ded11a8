// Wire messages of sync-protocol/PROTOCOL.md (push, pull, change entries, assignment payloads) and the engine's
// status. Hand-written from sync-protocol/schemas/ so the engine does not depend on the server being generated.
import type { AttemptState } from '@/shared/sync/types';

export type OpKind = 'start_attempt' | 'save_progress' | 'submit_attempt';

export interface SyncOp {
  op_id: string;
  kind: OpKind;
  attempt: AttemptState;
  client_score?: number;
}

export interface PushRequest {
  device_id: string;
  client_time: number;
  ops: SyncOp[];
}

export type OpResult =
  | { op_id: string; outcome: 'applied' | 'duplicate' | 'merged'; attempt_id?: string; replayed?: boolean }
  | {
      op_id: string;
      outcome: 'rejected';
      attempt_id?: string;
      replayed?: boolean;
      /** `retryable` is true only for `internal_error`: the op stays in the outbox and is pushed again. */
      error: { code: string; reason: string; retryable?: boolean };
    };

export interface PushResponse {
  server_time: number;
  clock_skew_ms: number;
  results: OpResult[];
  attempts: AttemptState[];
}

export interface PullRequest {
  device_id: string;
  cursor: string | null;
  limit: number;
}

export interface ChangeEntry {
  entity_type: 'assignment' | 'book' | 'attempt' | 'feedback' | 'notification' | 'material' | string;
  entity_id: string;
  op: 'upsert' | 'delete';
  payload: Record<string, unknown> | null;
  changed_at?: string;
}

export interface PullResponse {
  changes: ChangeEntry[];
  cursor: string;
  has_more: boolean;
  server_time: number;
}

/** A file to download: where from (a short-lived URL of the book manifest) and the sha256 it must have. */
export interface AssetManifestEntry {
  path: string;
  url: string;
  size: number;
  sha256: string;
}

/** A file an assignment's activities need, as the pull feed lists it (no URL: URLs expire). */
export interface AssignmentAsset {
  key: string;
  size: number;
  sha256: string;
  content_type: string;
}

export interface AssignmentActivity {
  activity_id: string;
  position: number;
  type: string;
  config: Record<string, unknown>;
}

/** An assignment as the pull feed (and the start endpoint) give it, effective for the signed-in student. */
export interface AssignmentPayload {
  id: string;
  book_id: string;
  name: string;
  instructions?: string | null;
  due_at: string | null;
  time_limit_minutes: number | null;
  max_attempts: number;
  show_answers: boolean;
  activities: AssignmentActivity[];
  assets: AssignmentAsset[];
}

export type SyncPhase = 'idle' | 'syncing' | 'offline' | 'sign-in' | 'error';

export interface SyncStatus {
  phase: SyncPhase;
  /** Outbox ops the server has not accepted yet. */
  pending: number;
  /** Ops the server rejected; kept on the device and shown with the reason. */
  notSynced: number;
  lastSyncAt: number | null;
  /** Milliseconds until the next retry after a failure, else null. */
  retryInMs: number | null;
}

/** A server merge changed something the student can see (an answer on screen, the status). */
export interface VisibleChange {
  attemptId: string;
  assignmentId: string;
  activityIds: string[];
  statusChanged: boolean;
}
