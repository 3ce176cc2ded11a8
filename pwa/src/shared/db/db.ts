import { Dexie, type Table } from 'dexie';

import type { Me } from '@/shared/api/types';

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

export type AssignmentRow = { id: string; userId: string; payload: unknown; dueAt: string | null; updatedAt: string };
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

  constructor(name = 'dream-lms', versions: readonly SchemaVersion[] = SCHEMA_VERSIONS) {
    super(name);
    applySchemaVersions(this, versions);
  }

  /** Tables holding a user's private data; `meta` holds device facts and survives a logout. */
  privateTables(): Table[] {
    return [this.session, this.outbox, this.attempts, this.assignments, this.books, this.assets];
  }
}

let instance: DreamDb | null = null;

/** The app's database, created on first use (opening IndexedDB is deferred until a table is touched). */
export function getDb(): DreamDb {
  instance ??= new DreamDb();
  return instance;
}
