import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { DreamDb } from '@/shared/db/db';

import {
  assignmentAssetPaths,
  assetKey,
  AssetDownloadError,
  createAssetUrl,
  makeAssignmentAvailableOffline,
  planDownload,
  relativeAssetPath,
  type DownloadProgress,
} from './assets-store';
import { loadOfflineBook, makeBookAvailableOffline, removeOfflineBook } from './offline-books';
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

const manifest = () =>
  Object.entries(files).map(([path, body]) => ({
    path,
    url: `https://s3.test/${path}?sig=1`,
    size: body.length,
    sha256: hashes[path]!,
  }));

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
    assets: manifest().map(({ path, size, sha256 }) => ({ key: path, size, sha256, content_type: 'image/png' })),
  };
}

let db: DreamDb;
let counter = 0;
beforeEach(async () => {
  db = new DreamDb(`assets-test-${(counter += 1)}`);
  await db.assignments.put({ id: `u1:${payload().id}`, userId: 'u1', payload: payload(), dueAt: null, updatedAt: 'x' });
});
afterEach(() => db.close());

const serve = (overrides: Record<string, string[]> = {}) => {
  const fetched: string[] = [];
  const fetchFn = async (url: string) => {
    fetched.push(url);
    const path = new URL(url).pathname.slice(1);
    const body = overrides[path]?.shift() ?? files[path];
    return body === undefined ? new Response('', { status: 403 }) : new Response(body, { headers: { 'Content-Type': 'image/png' } });
  };
  return { fetched, fetchFn };
};

const download = (extra: Partial<Parameters<typeof makeAssignmentAvailableOffline>[0]> = {}) =>
  makeAssignmentAvailableOffline({ db, userId: 'u1', assignmentId: payload().id, manifest: manifest(), ...extra });

describe('make available offline', () => {
  it('downloads every asset with progress, verifies them, and serves them locally afterwards', async () => {
    const { fetched, fetchFn } = serve();
    const progress: DownloadProgress[] = [];
    expect(await planDownload(db, BOOK, manifest())).toMatchObject({ totalBytes: 23, missingBytes: 23 });

    await download({ fetchFn, onProgress: (p) => progress.push(p), concurrency: 1 });

    expect(fetched).toHaveLength(2);
    expect(progress.map((p) => p.doneBytes)).toEqual([0, 9, 23]);
    expect(progress.at(-1)).toMatchObject({ totalBytes: 23, doneFiles: 2, totalFiles: 2 });
    const row = await db.assets.get(assetKey(BOOK, 'images/a.png'));
    expect(row?.size).toBe(9);
    expect((await db.assignments.get(`u1:${payload().id}`))?.offlineAt).toBeTruthy();
    expect(await planDownload(db, BOOK, manifest())).toMatchObject({ missing: [], missingBytes: 0 });

    // A second run downloads nothing.
    const again = serve();
    await download({ fetchFn: again.fetchFn });
    expect(again.fetched).toEqual([]);
  });

  it('fetches a corrupted file again and keeps the intact copy', async () => {
    const { fetched, fetchFn } = serve({ 'audio/b.mp3': ['tampered'] });
    await download({ fetchFn, concurrency: 1 });
    expect(fetched.filter((url) => url.includes('b.mp3'))).toHaveLength(2);
    const stored = await db.assets.get(assetKey(BOOK, 'audio/b.mp3'));
    expect(stored?.size).toBe(files['audio/b.mp3']!.length);
  });

  it('refuses a file that stays corrupt, names it, and does not mark the assignment offline', async () => {
    const { fetched, fetchFn } = serve({ 'audio/b.mp3': ['tampered', 'tampered', 'tampered'] });
    const failure = await download({ fetchFn, concurrency: 1 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AssetDownloadError);
    expect(failure).toMatchObject({ path: 'audio/b.mp3', reason: 'mismatch' });
    expect(fetched.filter((url) => url.includes('b.mp3'))).toHaveLength(3);
    expect((await db.assignments.get(`u1:${payload().id}`))?.offlineAt ?? null).toBeNull();
    expect(await db.assets.get(assetKey(BOOK, 'audio/b.mp3'))).toBeUndefined();
    // The intact file stays: the next try downloads only what is missing.
    expect((await planDownload(db, BOOK, manifest())).missing.map((asset) => asset.path)).toEqual(['audio/b.mp3']);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const { fetched, fetchFn } = serve();
    const progress: DownloadProgress[] = [];
    const run = download({
      fetchFn,
      concurrency: 1,
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p);
        if (p.doneFiles === 1) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(fetched).toHaveLength(1);
    expect((await db.assignments.get(`u1:${payload().id}`))?.offlineAt ?? null).toBeNull();
  });

  it('keeps a whole book offline and removes it, sparing files an assignment still uses', async () => {
    const { fetchFn } = serve();
    await db.assignments.update(`u1:${payload().id}`, { manifest: manifest().slice(0, 1) });
    await makeBookAvailableOffline({ db, bookId: BOOK, manifest: manifest(), fetchFn, copy: { book: { title: 'B' }, pages: {}, activities: [] } });
    expect((await loadOfflineBook(db, BOOK))?.manifest).toHaveLength(2);
    expect(await db.assets.where('bookId').equals(BOOK).count()).toBe(2);

    await removeOfflineBook(db, BOOK);

    expect(await loadOfflineBook(db, BOOK)).toBeNull();
    expect(await db.assets.where('bookId').equals(BOOK).primaryKeys()).toEqual([assetKey(BOOK, 'images/a.png')]);
  });

  it('lists what an assignment needs from the feed and its configs', () => {
    const withConfig = { ...payload(), activities: [{ activity_id: 'x', position: 0, type: 'circle', config: { section_path: './books/DEMO/images/c.png' } }] };
    expect([...assignmentAssetPaths(withConfig)].sort()).toEqual(['audio/b.mp3', 'images/a.png', 'images/c.png']);
  });

  it('maps config paths to local blobs first, then to the manifest URL', () => {
    expect(relativeAssetPath('./books/DEMO/images/a.png')).toBe('images/a.png');
    const assetUrl = createAssetUrl(manifest(), new Map([['images/a.png', 'blob:local-a']]));
    expect(assetUrl('./books/DEMO/images/a.png')).toBe('blob:local-a');
    expect(assetUrl('./books/DEMO/audio/b.mp3')).toBe('https://s3.test/audio/b.mp3?sig=1');
    expect(assetUrl('./books/DEMO/missing.png')).toBe('./books/DEMO/missing.png');
  });
});
