// "Make available offline": an assignment's activity configs arrive with the pull feed; its files (the asset
// manifest) are downloaded into the Dexie `assets` table, keyed by book and book-relative path, so players load
// them from the device as blob URLs whatever the network does.
import type { AssetRow, AssignmentRow, DreamDb } from '@/shared/db/db';

import type { AssetManifestEntry, AssignmentPayload } from './types';

/** The book-relative key of a config path (`./books/<BOOK>/images/a.png` and `images/a.png` are one file). */
export function relativeAssetPath(path: string): string {
  let relative = path.trim().replace(/^\.\//, '');
  if (relative.startsWith('books/')) relative = relative.split('/').slice(2).join('/');
  return relative;
}

export function assetKey(bookId: string, path: string): string {
  return `asset:${bookId}/${relativeAssetPath(path)}`;
}

/** The files of a stored assignment: the feed's manifest, else the one saved when it was downloaded. */
export function rowManifest(row: Pick<AssignmentRow, 'payload' | 'manifest'>): AssetManifestEntry[] {
  const payload = row.payload as AssignmentPayload;
  return payload.assets?.length ? payload.assets : (row.manifest ?? []);
}

export interface DownloadPlan {
  totalBytes: number;
  /** What is still to download. */
  missing: AssetManifestEntry[];
  missingBytes: number;
}

export async function planDownload(db: DreamDb, bookId: string, manifest: AssetManifestEntry[]): Promise<DownloadPlan> {
  const present = await db.assets.bulkGet(manifest.map((asset) => assetKey(bookId, asset.path)));
  const missing = manifest.filter((_, index) => present[index] === undefined);
  return {
    totalBytes: manifest.reduce((sum, asset) => sum + asset.size, 0),
    missing,
    missingBytes: missing.reduce((sum, asset) => sum + asset.size, 0),
  };
}

export class AssetDownloadError extends Error {
  constructor(
    readonly path: string,
    readonly status: number | null,
  ) {
    super(status === null ? `could not download ${path}` : `could not download ${path} (HTTP ${status})`);
    this.name = 'AssetDownloadError';
  }
}

async function sha256Hex(bytes: ArrayBuffer): Promise<string | null> {
  if (typeof crypto === 'undefined' || !crypto.subtle) return null;
  const digest = await crypto.subtle.digest('SHA-256', new Uint8Array(bytes));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export type DownloadProgress = { doneBytes: number; totalBytes: number; doneFiles: number; totalFiles: number };

/**
 * Downloads every missing asset of the user's assignment (a few at a time), verifies each against the manifest's
 * sha256, stores it, and marks the assignment available offline. Files already on the device are skipped.
 */
export async function makeAssignmentAvailableOffline(options: {
  db: DreamDb;
  userId: string;
  assignmentId: string;
  /** The files to get; defaults to the stored assignment's manifest. */
  manifest?: AssetManifestEntry[];
  fetchFn?: (url: string) => Promise<Response>;
  onProgress?: (progress: DownloadProgress) => void;
  now?: () => number;
  concurrency?: number;
}): Promise<void> {
  const { db, userId, assignmentId } = options;
  const fetchFn = options.fetchFn ?? ((url: string) => fetch(url));
  const rowId = `${userId}:${assignmentId}`;
  const row = await db.assignments.get(rowId);
  if (row === undefined) throw new Error('assignment not on this device');
  const payload = row.payload as AssignmentPayload;
  const manifest = options.manifest ?? rowManifest(row);
  const plan = await planDownload(db, payload.book_id, manifest);
  const progress: DownloadProgress = {
    doneBytes: plan.totalBytes - plan.missingBytes,
    totalBytes: plan.totalBytes,
    doneFiles: manifest.length - plan.missing.length,
    totalFiles: manifest.length,
  };
  options.onProgress?.({ ...progress });
  const queue = [...plan.missing];
  const worker = async () => {
    for (let asset = queue.shift(); asset !== undefined; asset = queue.shift()) {
      let response: Response;
      try {
        response = await fetchFn(asset.url);
      } catch {
        throw new AssetDownloadError(asset.path, null);
      }
      if (!response.ok) throw new AssetDownloadError(asset.path, response.status);
      const bytes = await response.arrayBuffer();
      const digest = await sha256Hex(bytes);
      if (digest !== null && asset.sha256 && digest !== asset.sha256.toLowerCase()) {
        throw new AssetDownloadError(asset.path, null);
      }
      const stored: AssetRow = {
        url: assetKey(payload.book_id, asset.path),
        bookId: payload.book_id,
        blob: new Blob([bytes], { type: response.headers.get('Content-Type') ?? '' }),
        size: bytes.byteLength,
        cachedAt: new Date((options.now ?? Date.now)()).toISOString(),
      };
      await db.assets.put(stored);
      progress.doneBytes += asset.size;
      progress.doneFiles += 1;
      options.onProgress?.({ ...progress });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  await db.assignments.update(rowId, {
    offlineAt: new Date((options.now ?? Date.now)()).toISOString(),
    manifest,
  });
}

/** Removes the assignment's files unless another assignment on the device (of any user) still lists them. */
export async function removeUnusedAssets(db: DreamDb, row: AssignmentRow): Promise<void> {
  const payload = row.payload as AssignmentPayload;
  const keys = new Set(rowManifest(row).map((asset) => assetKey(payload.book_id, asset.path)));
  await db.assignments.each((other) => {
    const otherPayload = other.payload as AssignmentPayload;
    for (const asset of rowManifest(other)) keys.delete(assetKey(otherPayload.book_id, asset.path));
  });
  await db.assets.bulkDelete([...keys]);
}

/** Blob URLs of the assignment's files that are on the device, by book-relative path (revoke when done). */
export async function loadLocalAssetUrls(
  db: DreamDb,
  bookId: string,
  manifest: AssetManifestEntry[],
): Promise<Map<string, string>> {
  const rows = await db.assets.bulkGet(manifest.map((asset) => assetKey(bookId, asset.path)));
  const urls = new Map<string, string>();
  manifest.forEach((asset, index) => {
    const found = rows[index];
    if (found !== undefined) urls.set(relativeAssetPath(asset.path), URL.createObjectURL(found.blob));
  });
  return urls;
}

/** The player's `assetUrl`: the local blob when downloaded, else the manifest's URL, else the path itself. */
export function createAssetUrl(manifest: AssetManifestEntry[], local: Map<string, string>): (path: string) => string {
  const remote = new Map(manifest.map((asset) => [relativeAssetPath(asset.path), asset.url]));
  return (path) => {
    const key = relativeAssetPath(path);
    return local.get(key) ?? remote.get(key) ?? path;
  };
}
