import { api, unwrap } from '@/shared/api/client';
import { relativeAssetPath, type AssetManifestEntry, type AssignmentPayload } from '@/shared/sync-engine';

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

/** The book-relative paths of every file the assignment's activities refer to. */
export function assignmentAssetPaths(payload: AssignmentPayload): Set<string> {
  const paths = new Set<string>();
  payload.activities.forEach((activity) => collectPaths(activity.config, paths));
  return paths;
}

/**
 * The files to download for "available offline": the feed's manifest when it has one, else the book's manifest
 * (fresh pre-signed URLs and sizes) narrowed to the files the activities use.
 */
export async function fetchAssignmentManifest(payload: AssignmentPayload): Promise<AssetManifestEntry[]> {
  if (payload.assets.length > 0) return payload.assets;
  const wanted = assignmentAssetPaths(payload);
  if (wanted.size === 0) return [];
  const manifest = await unwrap(
    api.GET('/api/v1/books/{book_id}/manifest', { params: { path: { book_id: payload.book_id } } }),
  );
  return manifest.assets
    .filter((asset) => wanted.has(relativeAssetPath(asset.key)))
    .map((asset) => ({ path: asset.key, url: asset.url, size: asset.size, sha256: '' }));
}
