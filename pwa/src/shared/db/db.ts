import { Dexie, type Table } from 'dexie';

import type { Me } from '@/shared/api/types';
import type { AttemptState } from '@/shared/sync/types';

import { applySchemaVersions, SCHEMA_VERSIONS, type SchemaVersion } from './schema';

export const SESSION_ROW_ID = 'current';

/** The signed-in user's long-lived credentials and profile, so the app starts signed in offline. */
export type SessionRow = {
  id: typeof SESSION_ROW_ID;
  refreshToken: string;
  refreshExpiresAt: string;
  me: Me;
  savedAt: string;
};

/** A change made on this device that the server has not acknowledged yet. */
export type OutboxRow = {
  id?: number;
  /** What kind of change this is, e.g. `attempt` or `message`; named in the logout warning. */
  kind: string;
  userId: string;
  payload: unknown;
  createdAt: string;
  /** `pending` until the server accepts it; `rejected` ops stay (shown as not synced) with the server's reason. */
  status?: 'pending' | 'rejected';
  /** The attempt a sync op is about (outbox rows of kind `attempt`). */
  attemptId?: string;
  error?: { code: string; reason: string } | null;
  /** When the server rejected it (ISO), and what it concerns: shown in the student's "not synced" list. */
  rejectedAt?: string;
  assignmentId?: string;
  /** The activities whose answers the op carried (the answers the server did not accept). */
  activityIds?: string[];
};

/** The device's merged state of one attempt (sync-protocol/PROTOCOL.md section 5). */
export type AttemptStateRow = {
  attemptId: string;
  userId: string;
  assignmentId: string;
  state: AttemptState;
  updatedAt: string;
};

export type AttemptRow = {
  id: string;
  userId: string;
  assignmentId: string | null;
  activityId: string;
  answers: unknown;
  score: number | null;
  updatedAt: string;
};

/** `id` is `<userId>:<assignmentId>`, so students sharing a tablet each keep their own copy. */
export type AssignmentRow = {
  id: string;
  userId: string;
  payload: unknown;
  dueAt: string | null;
  updatedAt: string;
  /** Set when every asset of the assignment was downloaded ("make available offline"). */
  offlineAt?: string | null;
  /** The files downloaded for offline use (the feed's manifest, or the book's narrowed to the activities). */
  manifest?: { path: string; url: string; size: number; sha256: string }[] | null;
};
/** A notification of `userId` as the feed carries it; `createdAt` is fixed-width UTC with microseconds (sortable). */
export type NotificationRow = {
  id: string;
  userId: string;
  type: string;
  title: string;
  body: string | null;
  data: Record<string, unknown>;
  /** Set by the server, or by this device first when the user opened it (the server learns it at the next sync). */
  readAt: string | null;
  createdAt: string;
};
export type BookRow = { id: string; payload: unknown; updatedAt: string };
export type AssetRow = { url: string; bookId: string; blob: Blob; size: number; cachedAt: string };
export type MetaRow = { key: string; value: unknown };

export class DreamDb extends Dexie {
  session!: Table<SessionRow, string>;
  outbox!: Table<OutboxRow, number>;
  attempts!: Table<AttemptRow, string>;
  assignments!: Table<AssignmentRow, string>;
  books!: Table<BookRow, string>;
  assets!: Table<AssetRow, string>;
  meta!: Table<MetaRow, string>;
  attemptStates!: Table<AttemptStateRow, string>;
  notifications!: Table<NotificationRow, string>;

  constructor(name = 'dream-lms', versions: readonly SchemaVersion[] = SCHEMA_VERSIONS) {
    super(name);
    applySchemaVersions(this, versions);
  }

  /** Tables holding a user's private data; `meta` holds device facts and survives a logout. */
  privateTables(): Table[] {
    return [
      this.session,
      this.outbox,
      this.attempts,
      this.attemptStates,
      this.assignments,
      this.notifications,
      this.books,
      this.assets,
    ];
  }
}

let instance: DreamDb | null = null;

/** The app's database, created on first use (opening IndexedDB is deferred until a table is touched). */
export function getDb(): DreamDb {
  instance ??= new DreamDb();
  return instance;
}
