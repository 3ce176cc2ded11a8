// "Make available offline" for a whole book: its pages and activity configs are kept in the Dexie `books` table
// (row `offline:<bookId>`) and every file of its manifest in `assets`, verified like an assignment's files.
import type { DreamDb } from '@/shared/db/db';

import { assetKey, downloadAssets, offlineBookRowId, relativeAssetPath, type DownloadOptions } from './assets-store';
import type { AssetManifestEntry, AssignmentPayload } from './types';

/** What the viewer needs offline; `book`, `pages` and `activities` are the API's answers as they were. */
export type OfflineBookCopy = {
  book: unknown;
  pages: unknown;
  activities: unknown[];
  manifest: AssetManifestEntry[];
  offlineAt: string;
};

export async function loadOfflineBook(db: DreamDb, bookId: string): Promise<OfflineBookCopy | null> {
  const row = await db.books.get(offlineBookRowId(bookId));
  return (row?.payload as OfflineBookCopy | undefined) ?? null;
}

/** Downloads every file of the book (verified, resumable) and then saves the copy; nothing is saved on failure. */
export async function makeBookAvailableOffline(
  options: Omit<DownloadOptions, 'bookId'> & { bookId: string; copy: Omit<OfflineBookCopy, 'manifest' | 'offlineAt'> },
): Promise<void> {
  await downloadAssets(options);
  const at = new Date((options.now ?? Date.now)()).toISOString();
  const payload: OfflineBookCopy = { ...options.copy, manifest: options.manifest, offlineAt: at };
  await options.db.books.put({ id: offlineBookRowId(options.bookId), payload, updatedAt: at });
}

/** Removes the copy and its files, except the files an assignment on the device still needs. */
export async function removeOfflineBook(db: DreamDb, bookId: string): Promise<void> {
  await db.transaction('rw', [db.books, db.assets, db.assignments], async () => {
    const keys = new Set(await db.assets.where('bookId').equals(bookId).primaryKeys());
    await db.assignments.each((row) => {
      const payload = row.payload as AssignmentPayload;
      if (payload.book_id !== bookId) return;
      for (const asset of row.manifest ?? []) keys.delete(assetKey(bookId, asset.path));
    });
    await db.assets.bulkDelete([...keys]);
    await db.books.delete(offlineBookRowId(bookId));
  });
}

/** An activity config with its pre-signed URLs (`urls`: key -> URL, as the API gives them) back to file keys,
 * so the stored copy does not hold URLs that expire. */
export function withAssetKeys<T>(value: T, urls: Record<string, string>): T {
  const keyOfUrl = new Map(Object.entries(urls).map(([key, url]) => [url, relativeAssetPath(key)]));
  return JSON.parse(JSON.stringify(value), (_, item: unknown) =>
    typeof item === 'string' && keyOfUrl.has(item) ? keyOfUrl.get(item) : item,
  ) as T;
}

/** The path of a pre-signed URL: the same for every signature of one file, so it matches stored copies. */
export function urlPath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** Blob URLs of the copy's files by their remote URLs' path (revoke when done). */
export async function loadOfflineBookUrls(db: DreamDb, bookId: string, copy: OfflineBookCopy): Promise<Map<string, string>> {
  const rows = await db.assets.bulkGet(copy.manifest.map((asset) => assetKey(bookId, asset.path)));
  const urls = new Map<string, string>();
  copy.manifest.forEach((asset, index) => {
    const found = rows[index];
    if (found !== undefined) urls.set(urlPath(asset.url), URL.createObjectURL(found.blob));
  });
  return urls;
}
