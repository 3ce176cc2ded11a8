import { useEffect, useState } from 'react';

import { getDb, type AssignmentRow } from '@/shared/db/db';
import {
  assignmentAssetPaths,
  createAssetUrl,
  loadLocalAssetUrls,
  rowManifest,
  type AssignmentPayload,
} from '@/shared/sync-engine';

/**
 * The players' `assetUrl` for an assignment: blob URLs of the files on the device (downloaded for the assignment or
 * with an offline copy of its book; revoked on unmount), else the URLs saved with the download.
 */
export function useAssetUrl(row: AssignmentRow | null | undefined): ((path: string) => string) | null {
  const [assetUrl, setAssetUrl] = useState<((path: string) => string) | null>(null);
  const payload = row?.payload as AssignmentPayload | undefined;
  const manifestKey = row ? `${payload?.book_id}:${row.offlineAt ?? ''}:${rowManifest(row).length}` : null;
  useEffect(() => {
    if (!row || !payload) return undefined;
    let cancelled = false;
    let urls = new Map<string, string>();
    const manifest = rowManifest(row);
    const paths = [...assignmentAssetPaths(payload), ...manifest.map((asset) => asset.path)];
    void loadLocalAssetUrls(getDb(), payload.book_id, paths).then((local) => {
      urls = local;
      if (cancelled) {
        for (const url of local.values()) URL.revokeObjectURL(url);
        return;
      }
      const resolve = createAssetUrl(manifest, local);
      setAssetUrl(() => resolve);
    });
    return () => {
      cancelled = true;
      for (const url of urls.values()) URL.revokeObjectURL(url);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-resolve only when the downloaded files change
  }, [manifestKey]);
  return assetUrl;
}
