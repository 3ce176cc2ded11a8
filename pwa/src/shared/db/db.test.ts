import { describe, expect, it } from 'vitest';

import { DreamDb } from './db';
import { SCHEMA_VERSIONS, type SchemaVersion } from './schema';

// A plausible next version, written the way schema.ts documents: outbox rows gain a status, indexed.
const V2: SchemaVersion = {
  version: 2,
  stores: { outbox: '++id, kind, userId, createdAt, status' },
  upgrade: async (tx) => {
    await tx
      .table('outbox')
      .toCollection()
      .modify((row: { status?: string }) => {
        row.status = 'pending';
      });
  },
};

let databaseCounter = 0;
const uniqueName = () => `dream-lms-migration-test-${(databaseCounter += 1)}`;

describe('DreamDb schema', () => {
  it('creates every table of the current version', async () => {
    const db = new DreamDb(uniqueName());
    await db.open();

    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
    expect(db.tables.map((t) => t.name).sort()).toEqual(
      ['assets', 'assignments', 'attempts', 'attemptStates', 'books', 'meta', 'notifications', 'outbox', 'session'].sort(),
    );
    db.close();
  });

  it('upgrades a v1 database to v2 keeping its data and running the upgrade', async () => {
    const name = uniqueName();
    const v1 = new DreamDb(name, SCHEMA_VERSIONS.slice(0, 1));
    await v1.outbox.bulkAdd([
      { kind: 'attempt', userId: 'u1', payload: { score: 80 }, createdAt: '2025-01-01T00:00:00Z' },
      { kind: 'message', userId: 'u1', payload: { text: 'hi' }, createdAt: '2025-01-02T00:00:00Z' },
    ]);
    await v1.meta.put({ key: 'device-id', value: 'tablet-7' });
    v1.close();

    const v2 = new DreamDb(name, [...SCHEMA_VERSIONS.slice(0, 1), V2]);
    await v2.open();

    expect(v2.verno).toBe(2);
    expect(await v2.meta.get('device-id')).toEqual({ key: 'device-id', value: 'tablet-7' });
    const pending = await v2.outbox.where('status').equals('pending').toArray();
    expect(pending.map((row) => row.kind)).toEqual(['attempt', 'message']);
    expect(pending[0]).toMatchObject({ payload: { score: 80 }, userId: 'u1' });
    v2.close();
  });

  it('upgrades a v1 database to the released v2: outbox rows become pending, attempt states start empty', async () => {
    const name = uniqueName();
    const v1 = new DreamDb(name, SCHEMA_VERSIONS.slice(0, 1));
    await v1.outbox.add({ kind: 'attempt', userId: 'u1', payload: { op_id: 'a' }, createdAt: '2025-01-01T00:00:00Z' });
    await v1.meta.put({ key: 'device-id', value: 'tablet-7' });
    v1.close();

    const v2 = new DreamDb(name, SCHEMA_VERSIONS.slice(0, 2));
    await v2.open();

    expect(v2.verno).toBe(2);
    expect(await v2.meta.get('device-id')).toEqual({ key: 'device-id', value: 'tablet-7' });
    const pending = await v2.outbox.where('[userId+status]').equals(['u1', 'pending']).toArray();
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ payload: { op_id: 'a' }, status: 'pending' });
    expect(await v2.attemptStates.count()).toBe(0);
    v2.close();
  });

  it('upgrades a v2 database to v3 keeping its data; notifications start empty, pulled again from the start', async () => {
    const name = uniqueName();
    const v2 = new DreamDb(name, SCHEMA_VERSIONS.slice(0, 2));
    await v2.outbox.add({ kind: 'attempt', userId: 'u1', payload: { op_id: 'a' }, createdAt: '2025-01-01T00:00:00Z', status: 'pending' });
    await v2.meta.bulkPut([
      { key: 'sync-cursor:u1', value: 'c-7' },
      { key: 'device-id', value: 'tablet-7' },
    ]);
    v2.close();

    const v3 = new DreamDb(name, SCHEMA_VERSIONS.slice(0, 3));
    await v3.open();

    expect(v3.verno).toBe(3);
    expect(await v3.meta.get('sync-cursor:u1')).toBeUndefined();
    expect(await v3.meta.get('device-id')).toEqual({ key: 'device-id', value: 'tablet-7' });
    expect(await v3.outbox.where('[userId+status]').equals(['u1', 'pending']).count()).toBe(1);
    expect(await v3.notifications.count()).toBe(0);
    await v3.notifications.put({
      id: 'n1',
      userId: 'u1',
      type: 'assignment_created',
      title: 'New assignment',
      body: null,
      data: {},
      readAt: null,
      createdAt: '2025-01-01T00:00:00.000000Z',
    });
    expect(await v3.notifications.where('[userId+createdAt]').between(['u1', ''], ['u1', '\uffff']).count()).toBe(1);
    v3.close();
  });
});
