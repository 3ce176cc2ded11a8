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

// Config keys that hold file paths (server: dream_lms.books.paths.is_asset_key).
const isAssetKey = (key: string) => key.endsWith('_path') || key === 'path';

function collectPaths(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    value.forEach((item) => collectPaths(item, into));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (isAssetKey(key) && typeof inner === 'string' && inner.trim() !== '') into.add(relativeAssetPath(inner));
      else collectPaths(inner, into);
    }
  }
}

/** The book-relative paths of every file the assignment needs: the feed's list and what the configs refer to. */
export function assignmentAssetPaths(payload: AssignmentPayload): Set<string> {
  const paths = new Set((payload.assets ?? []).map((asset) => relativeAssetPath(asset.key)));
  payload.activities.forEach((activity) => collectPaths(activity.config, paths));
  return paths;
}

/** The files downloaded for a stored assignment ("make available offline"). */
export function rowManifest(row: Pick<AssignmentRow, 'manifest'>): AssetManifestEntry[] {
  return row.manifest ?? [];
}

/** The device-store keys of everything the assignment needs (to tell whether it is all on the device). */
export function assignmentStoreKeys(payload: AssignmentPayload, downloaded: AssetManifestEntry[]): string[] {
  const paths = assignmentAssetPaths(payload);
  downloaded.forEach((asset) => paths.add(relativeAssetPath(asset.path)));
  return [...paths].map((path) => assetKey(payload.book_id, path));
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

export type AssetFailure = 'network' | 'http' | 'mismatch' | 'unverifiable';

/** A file that could not be stored; `path` names it for the user. */
export class AssetDownloadError extends Error {
  constructor(
    readonly path: string,
    readonly reason: AssetFailure,
    readonly status: number | null = null,
  ) {
    super(`could not download ${path} (${reason}${status === null ? '' : ` ${status}`})`);
    this.name = 'AssetDownloadError';
  }
}

export async function sha256Hex(bytes: ArrayBuffer): Promise<string | null> {
  if (typeof crypto === 'undefined' || !crypto.subtle) return null;
  const digest = await crypto.subtle.digest('SHA-256', new Uint8Array(bytes));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export type DownloadProgress = { doneBytes: number; totalBytes: number; doneFiles: number; totalFiles: number };

export type DownloadOptions = {
  db: DreamDb;
  bookId: string;
  manifest: AssetManifestEntry[];
  fetchFn?: (url: string, init?: RequestInit) => Promise<Response>;
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
  now?: () => number;
  concurrency?: number;
  /** Tries per file: a failed or corrupt download is fetched again before the whole download fails. */
  attempts?: number;
};

/** One file's verified bytes; a corrupt or failed download is tried again, then refused (never stored). */
async function fetchVerified(asset: AssetManifestEntry, options: DownloadOptions): Promise<Blob> {
  const fetchFn = options.fetchFn ?? ((url: string, init?: RequestInit) => fetch(url, init));
  let failure = new AssetDownloadError(asset.path, 'network');
  for (let attempt = 0; attempt < Math.max(1, options.attempts ?? 3); attempt += 1) {
    options.signal?.throwIfAborted();
    let response: Response;
    try {
      response = await fetchFn(asset.url, { signal: options.signal ?? null });
    } catch (error) {
      options.signal?.throwIfAborted();
      failure = new AssetDownloadError(asset.path, 'network');
      console.warn('asset download failed', asset.path, error);
      continue;
    }
    if (!response.ok) {
      failure = new AssetDownloadError(asset.path, 'http', response.status);
      // An expired or refused URL does not get better by asking again.
      if (response.status === 403 || response.status === 404) break;
      continue;
    }
    const bytes = await response.arrayBuffer();
    const digest = await sha256Hex(bytes);
    // Without WebCrypto (an insecure origin) nothing can be verified, so nothing is stored.
    if (digest === null || !asset.sha256) throw new AssetDownloadError(asset.path, 'unverifiable');
    if (digest === asset.sha256.toLowerCase()) {
      return new Blob([bytes], { type: response.headers.get('Content-Type') ?? '' });
    }
    failure = new AssetDownloadError(asset.path, 'mismatch');
  }
  throw failure;
}

/**
 * Downloads the files of `manifest` that are not on the device yet (a few at a time), verifies each against its
 * sha256 and stores it. Files already stored are skipped, so a cancelled or failed download resumes.
 */
export async function downloadAssets(options: DownloadOptions): Promise<void> {
  const { db, bookId, manifest } = options;
  const plan = await planDownload(db, bookId, manifest);
  const progress: DownloadProgress = {
    doneBytes: plan.totalBytes - plan.missingBytes,
    totalBytes: plan.totalBytes,
    doneFiles: manifest.length - plan.missing.length,
    totalFiles: manifest.length,
  };
  options.onProgress?.({ ...progress });
  const queue = [...plan.missing];
  let failed = false;
  const worker = async () => {
    for (let asset = queue.shift(); asset !== undefined && !failed; asset = queue.shift()) {
      let blob: Blob;
      try {
        blob = await fetchVerified(asset, options);
      } catch (error) {
        failed = true; // the other workers stop after their current file
        throw error;
      }
      const stored: AssetRow = {
        url: assetKey(bookId, asset.path),
        bookId,
        blob,
        size: blob.size,
        cachedAt: new Date((options.now ?? Date.now)()).toISOString(),
      };
      await db.assets.put(stored);
      progress.doneBytes += asset.size;
      progress.doneFiles += 1;
      options.onProgress?.({ ...progress });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
}

/** Downloads the user's assignment's files (see downloadAssets) and marks it available offline. */
export async function makeAssignmentAvailableOffline(
  options: Omit<DownloadOptions, 'bookId'> & { userId: string; assignmentId: string },
): Promise<void> {
  const { db, userId, assignmentId } = options;
  const rowId = `${userId}:${assignmentId}`;
  const row = await db.assignments.get(rowId);
  if (row === undefined) throw new Error('assignment not on this device');
  const payload = row.payload as AssignmentPayload;
  await downloadAssets({ ...options, bookId: payload.book_id });
  await db.assignments.update(rowId, {
    offlineAt: new Date((options.now ?? Date.now)()).toISOString(),
    manifest: options.manifest,
  });
}

/** Removes the assignment's files unless another assignment on the device (of any user) or an offline copy of
 * the book still lists them. */
export async function removeUnusedAssets(db: DreamDb, row: AssignmentRow): Promise<void> {
  const payload = row.payload as AssignmentPayload;
  const keys = new Set(rowManifest(row).map((asset) => assetKey(payload.book_id, asset.path)));
  await db.assignments.each((other) => {
    const otherPayload = other.payload as AssignmentPayload;
    for (const asset of rowManifest(other)) keys.delete(assetKey(otherPayload.book_id, asset.path));
  });
  (await offlineCopyKeys(db)).forEach((key) => keys.delete(key));
  await db.assets.bulkDelete([...keys]);
}

/** The device-store keys of every file the offline book copies on the device hold. */
export async function offlineCopyKeys(db: DreamDb): Promise<Set<string>> {
  const prefix = offlineBookRowId('');
  const keys = new Set<string>();
  await db.books.each((row) => {
    if (!row.id.startsWith(prefix)) return;
    const bookId = row.id.slice(prefix.length);
    for (const asset of (row.payload as { manifest?: AssetManifestEntry[] }).manifest ?? []) {
      keys.add(assetKey(bookId, asset.path));
    }
  });
  return keys;
}

/** The `books` row of a book's offline copy (apart from the feed's `book` rows, which use the plain id). */
export const offlineBookRowId = (bookId: string) => `offline:${bookId}`;

/** Blob URLs of the files among `paths` that are on the device, by book-relative path (revoke when done). */
export async function loadLocalAssetUrls(db: DreamDb, bookId: string, paths: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set([...paths].map(relativeAssetPath))];
  const rows = await db.assets.bulkGet(wanted.map((path) => assetKey(bookId, path)));
  const urls = new Map<string, string>();
  wanted.forEach((path, index) => {
    const found = rows[index];
    if (found !== undefined) urls.set(path, URL.createObjectURL(found.blob));
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
