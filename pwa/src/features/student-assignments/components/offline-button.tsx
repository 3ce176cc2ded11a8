import { CheckCircle2, Download } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { getDb, type AssignmentRow } from '@/shared/db/db';
import { useOnlineStatus } from '@/shared/hooks/use-online-status';
import {
  AssetDownloadError,
  makeAssignmentAvailableOffline,
  planDownload,
  type AssignmentPayload,
  type DownloadProgress,
} from '@/shared/sync-engine';
import { formatBytes } from '@/shared/lib/format-bytes';
import { Button } from '@/shared/ui/button';
import { DownloadProgressBar } from '@/shared/ui/download-progress';

import { fetchAssignmentManifest } from '../api/get-book-manifest';

/** "Make available offline": downloads every file the assignment's activities use, with a progress bar. */
export function OfflineButton({ userId, row }: { userId: string; row: AssignmentRow }) {
  const { t } = useTranslation('student');
  const [progress, setProgress] = useState<DownloadProgress | null>(null);
  const [failed, setFailed] = useState<{ path: string | null } | null>(null);
  const online = useOnlineStatus();
  const payload = row.payload as AssignmentPayload;
  // The feed lists the files with their sizes, so the estimate needs no network.
  const knownSize = (payload.assets ?? []).reduce((sum, asset) => sum + asset.size, 0);

  if (row.offlineAt && progress === null) {
    return (
      <span className="inline-flex items-center gap-1.5 text-sm font-medium text-emerald-800" data-testid="offline-ready">
        <CheckCircle2 aria-hidden="true" className="size-4" />
        {t('offline.ready')}
      </span>
    );
  }

  const download = async () => {
    setFailed(null);
    try {
      const manifest = await fetchAssignmentManifest(payload);
      const plan = await planDownload(getDb(), payload.book_id, manifest);
      setProgress({ doneBytes: plan.totalBytes - plan.missingBytes, totalBytes: plan.totalBytes, doneFiles: 0, totalFiles: manifest.length });
      await makeAssignmentAvailableOffline({ db: getDb(), userId, assignmentId: payload.id, manifest, onProgress: setProgress });
      setProgress(null);
    } catch (error) {
      console.error('download failed', error);
      setFailed({ path: error instanceof AssetDownloadError ? error.path : null });
      setProgress(null);
    }
  };

  if (progress !== null) {
    return (
      <DownloadProgressBar
        doneBytes={progress.doneBytes}
        totalBytes={progress.totalBytes}
        label={t('offline.downloading')}
        describe={(sizes) => t('offline.progress', sizes)}
        testId="offline-progress"
      />
    );
  }

  return (
    <div className="grid gap-1">
      <Button variant="outline" onClick={() => void download()} disabled={!online}>
        <Download aria-hidden="true" />
        {knownSize > 0 ? t('offline.makeAvailableSize', { size: formatBytes(knownSize) }) : t('offline.makeAvailable')}
      </Button>
      {failed !== null && (
        <span role="alert" className="text-xs text-destructive">
          {failed.path === null ? t('offline.failed') : t('offline.fileFailed', { file: failed.path })}
        </span>
      )}
    </div>
  );
}
