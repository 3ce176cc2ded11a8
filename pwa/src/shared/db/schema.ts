import type { Dexie, Transaction } from 'dexie';

/**
 * The local database's schema history. Each entry is one IndexedDB version; entries are never edited
 * once released. To change the schema, append a new entry:
 *
 *   { version: 2, stores: { outbox: '++id, kind, userId, createdAt, status' },
 *     upgrade: async (tx) => { await tx.table('outbox').toCollection().modify({ status: 'pending' }); } }
 *
 * `stores` lists only the tables whose indexes change (`null` drops a table); Dexie carries the other
 * tables over. `upgrade` runs once, inside the version-change transaction, on devices that still hold
 * the previous version, so it must cope with any data that version allowed. `db.test.ts` shows an
 * upgrade from v1 to a v2 run against real (fake-indexeddb) data.
 */
export type SchemaVersion = {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
};

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      session: 'id',
      outbox: '++id, kind, userId, createdAt',
      attempts: 'id, userId, assignmentId, activityId, updatedAt',
      assignments: 'id, userId, dueAt, updatedAt',
      books: 'id, updatedAt',
      assets: 'url, bookId',
      meta: 'key',
    },
  },
  {
    // Offline sync (sync-protocol/PROTOCOL.md): one merged attempt state per attempt, and outbox rows gain a
    // status so that ops the server rejected stay on the device (shown as "not synced"), never dropped.
    version: 2,
    stores: {
      outbox: '++id, kind, userId, createdAt, [userId+status]',
      attemptStates: 'attemptId, userId, [userId+assignmentId]',
    },
    upgrade: async (tx) => {
      await tx
        .table('outbox')
        .toCollection()
        .modify((row: { status?: string }) => {
          row.status ??= 'pending';
        });
    },
  },
  {
    // Notifications from the change feed (entity `notification`), newest first per user. Marks as read wait in
    // the outbox (kind `notification_read`) like every other local change. Earlier versions skipped notification
    // entries, so the pull cursors are dropped: the next pull replays the feed from its start (PROTOCOL.md 9.3;
    // every entry is a whole entity, attempt states are merged), which brings the older notifications too.
    version: 3,
    stores: {
      notifications: 'id, userId, [userId+createdAt]',
    },
    upgrade: async (tx) => {
      await tx.table('meta').where('key').startsWith('sync-cursor:').delete();
    },
  },
];

export function applySchemaVersions(db: Dexie, versions: readonly SchemaVersion[]): void {
  for (const step of versions) {
    const version = db.version(step.version).stores(step.stores);
    if (step.upgrade) version.upgrade(step.upgrade);
  }
}
