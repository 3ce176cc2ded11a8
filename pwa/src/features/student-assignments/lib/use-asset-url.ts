import { useEffect, useState } from 'react';

import { getDb, type AssignmentRow } from '@/shared/db/db';
import {
  assignmentAssetPaths,
  createAssetUrl,
  loadLocalAssetUrls,
  relativeAssetPath,
  rowManifest,
  type AssetManifestEntry,
  type AssignmentPayload,
} from '@/shared/sync-engine';

import { fetchAssignmentManifest } from '../api/get-book-manifest';

/**
 * The players' `assetUrl` for an assignment: blob URLs of the files on the device (downloaded for the assignment or
 * with an offline copy of its book; revoked on unmount), else the URLs saved with the download, else (an assignment
 * played online without downloading it) fresh URLs from the server.
 */
export function useAssetUrl(row: AssignmentRow | null | undefined): ((path: string) => string) | null {
  const [assetUrl, setAssetUrl] = useState<((path: string) => string) | null>(null);
  const payload = row?.payload as AssignmentPayload | undefined;
  const manifestKey = row ? `${payload?.book_id}:${row.offlineAt ?? ''}:${rowManifest(row).length}` : null;
  useEffect(() => {
    if (!row || !payload) return undefined;
    let cancelled = false;
    let urls = new Map<string, string>();
    const saved = rowManifest(row);
    const paths = [...assignmentAssetPaths(payload), ...saved.map((asset) => asset.path)];
    void (async () => {
      const local = await loadLocalAssetUrls(getDb(), payload.book_id, paths);
      const manifest = [...saved, ...(await freshUrlsOfMissing(payload, saved, local))];
      urls = local;
      if (cancelled) {
        for (const url of local.values()) URL.revokeObjectURL(url);
        return;
      }
      const resolve = createAssetUrl(manifest, local);
      setAssetUrl(() => resolve);
    })();
    return () => {
      cancelled = true;
      for (const url of urls.values()) URL.revokeObjectURL(url);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-resolve only when the downloaded files change
  }, [manifestKey]);
  return assetUrl;
}

/** The server's URLs of the files neither on the device nor saved with a download; none when it cannot be asked. */
async function freshUrlsOfMissing(
  payload: AssignmentPayload,
  saved: AssetManifestEntry[],
  local: Map<string, string>,
): Promise<AssetManifestEntry[]> {
  const known = new Set([...local.keys(), ...saved.map((asset) => relativeAssetPath(asset.path))]);
  if ([...assignmentAssetPaths(payload)].every((path) => known.has(path))) return [];
  try {
    return await fetchAssignmentManifest(payload);
  } catch {
    return []; // offline, or the book is no longer visible: the player shows the pictures as missing
  }
}
