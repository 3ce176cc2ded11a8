import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { DreamDb } from '@/shared/db/db';

import {
  assetKey,
  AssetDownloadError,
  createAssetUrl,
  makeAssignmentAvailableOffline,
  planDownload,
  relativeAssetPath,
  type DownloadProgress,
} from './assets-store';
import type { AssignmentPayload } from './types';

const BOOK = 'b00c0000-0000-4000-8000-000000000000';
const files: Record<string, string> = { 'images/a.png': 'picture-a', 'audio/b.mp3': 'sound-b-longer' };
const hashes: Record<string, string> = {};
beforeAll(async () => {
  for (const [path, body] of Object.entries(files)) {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body));
    hashes[path] = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
  }
});

function payload(): AssignmentPayload {
  return {
    id: 'a0000000-0000-4000-8000-000000000000',
    book_id: BOOK,
    name: 'Unit 1',
    due_at: null,
    time_limit_minutes: null,
    max_attempts: 1,
    show_answers: true,
    activities: [],
    assets: Object.entries(files).map(([path, body]) => ({
      path: `./books/DEMO/${path}`,
      url: `https://s3.test/${path}?sig=1`,
      size: body.length,
      sha256: hashes[path]!,
    })),
  };
}

let db: DreamDb;
let counter = 0;
beforeEach(async () => {
  db = new DreamDb(`assets-test-${(counter += 1)}`);
  await db.assignments.put({ id: `u1:${payload().id}`, userId: 'u1', payload: payload(), dueAt: null, updatedAt: 'x' });
});
afterEach(() => db.close());

const serve = (overrides: Record<string, string> = {}) => {
  const fetched: string[] = [];
  const fetchFn = async (url: string) => {
    fetched.push(url);
    const path = new URL(url).pathname.slice(1);
    const body = overrides[path] ?? files[path];
    return body === undefined ? new Response('', { status: 403 }) : new Response(body, { headers: { 'Content-Type': 'image/png' } });
  };
  return { fetched, fetchFn };
};

describe('make available offline', () => {
  it('downloads every asset with progress, verifies them, and serves them locally afterwards', async () => {
    const { fetched, fetchFn } = serve();
    const progress: DownloadProgress[] = [];
    expect(await planDownload(db, BOOK, payload().assets)).toMatchObject({ totalBytes: 23, missingBytes: 23 });

    await makeAssignmentAvailableOffline({ db, userId: 'u1', assignmentId: payload().id, fetchFn, onProgress: (p) => progress.push(p), concurrency: 1 });

    expect(fetched).toHaveLength(2);
    expect(progress.map((p) => p.doneBytes)).toEqual([0, 9, 23]);
    expect(progress.at(-1)).toMatchObject({ totalBytes: 23, doneFiles: 2, totalFiles: 2 });
    const row = await db.assets.get(assetKey(BOOK, 'images/a.png'));
    expect(row?.size).toBe(9);
    expect((await db.assignments.get(`u1:${payload().id}`))?.offlineAt).toBeTruthy();
    expect(await planDownload(db, BOOK, payload().assets)).toMatchObject({ missing: [], missingBytes: 0 });

    // A second run downloads nothing.
    const again = serve();
    await makeAssignmentAvailableOffline({ db, userId: 'u1', assignmentId: payload().id, fetchFn: again.fetchFn });
    expect(again.fetched).toEqual([]);
  });

  it('refuses a corrupted download and does not mark the assignment offline', async () => {
    const { fetchFn } = serve({ 'audio/b.mp3': 'tampered' });
    await expect(
      makeAssignmentAvailableOffline({ db, userId: 'u1', assignmentId: payload().id, fetchFn }),
    ).rejects.toBeInstanceOf(AssetDownloadError);
    expect((await db.assignments.get(`u1:${payload().id}`))?.offlineAt ?? null).toBeNull();
    expect(await db.assets.get(assetKey(BOOK, 'audio/b.mp3'))).toBeUndefined();
  });

  it('maps config paths to local blobs first, then to the manifest URL', () => {
    expect(relativeAssetPath('./books/DEMO/images/a.png')).toBe('images/a.png');
    const assetUrl = createAssetUrl(payload().assets, new Map([['images/a.png', 'blob:local-a']]));
    expect(assetUrl('./books/DEMO/images/a.png')).toBe('blob:local-a');
    expect(assetUrl('./books/DEMO/audio/b.mp3')).toBe('https://s3.test/audio/b.mp3?sig=1');
    expect(assetUrl('./books/DEMO/missing.png')).toBe('./books/DEMO/missing.png');
  });
});
