import { relativeAssetPath } from '@/shared/sync-engine/assets-store';

/** `./books/<BOOK>/images/a.png` -> `images/a.png`: the stable key the server's `assets` map is keyed by (the
 * shared rule of sync-protocol/vectors/books/asset_paths.json). */
export const bookRelativeKey = relativeAssetPath;

/**
 * The player's `assetUrl` for an activity from `GET /activities/{id}`: a config path (or its book-relative key)
 * maps to its pre-signed URL from `assets`; the server already put those URLs into the config, so a value that
 * is one of them (or any absolute URL) is used as is.
 */
export function assetUrlFromMap(assets: Record<string, string>): (path: string) => string {
  return (path) => assets[path] ?? assets[bookRelativeKey(path)] ?? path;
}
