import { api, unwrap } from '@/shared/api/client';
import type { AssetManifestEntry } from '@/shared/sync-engine';

/** The book's manifest (every file, fresh pre-signed URLs, sha256) as download entries. */
export async function fetchBookManifest(bookId: string): Promise<AssetManifestEntry[]> {
  const manifest = await unwrap(api.GET('/api/v1/books/{book_id}/manifest', { params: { path: { book_id: bookId } } }));
  return manifest.assets.map((asset) => ({ path: asset.key, url: asset.url, size: asset.size, sha256: asset.sha256 }));
}
