import { fetchBookManifest } from '@/shared/api/book-manifest';
import { assignmentAssetPaths, relativeAssetPath, type AssetManifestEntry, type AssignmentPayload } from '@/shared/sync-engine';

/**
 * The files to download for "available offline": the book's manifest (fresh URLs, sha256) narrowed to the files
 * the assignment needs (the feed lists them without URLs, which would have expired).
 */
export async function fetchAssignmentManifest(payload: AssignmentPayload): Promise<AssetManifestEntry[]> {
  const wanted = assignmentAssetPaths(payload);
  if (wanted.size === 0) return [];
  const manifest = await fetchBookManifest(payload.book_id);
  return manifest.filter((asset) => wanted.has(relativeAssetPath(asset.path)));
}
