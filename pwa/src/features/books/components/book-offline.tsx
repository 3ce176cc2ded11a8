import { useQuery, useQueryClient } from '@tanstack/react-query';
import { CheckCircle2, Download, Trash2, X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { api, unwrap } from '@/shared/api/client';
import { getDb } from '@/shared/db/db';
import { useLive } from '@/shared/hooks/use-live';
import { useOnlineStatus } from '@/shared/hooks/use-online-status';
import {
  AssetDownloadError,
  type DownloadProgress,
  loadOfflineBook,
  loadOfflineBookUrls,
  makeBookAvailableOffline,
  type OfflineBookCopy,
  planDownload,
  removeOfflineBook,
  urlPath,
  withAssetKeys,
} from '@/shared/sync-engine';
import { formatBytes } from '@/shared/lib/format-bytes';
import { Button } from '@/shared/ui/button';
import { DownloadProgressBar } from '@/shared/ui/download-progress';

import { bookKeys } from '../api/book-keys';
import { bookQuery } from '../api/get-book';
import { fetchBookManifest } from '@/shared/api/book-manifest';
import { bookPagesQuery } from '../api/get-book-pages';

/** The book's offline copy on this device (null: none), live. */
export function useOfflineBook(bookId: string): OfflineBookCopy | null | undefined {
  return useLive(() => loadOfflineBook(getDb(), bookId), [bookId]);
}

/** Maps a page's remote image/audio URL to the device's copy of the file, when there is one. */
export function useOfflineUrls(bookId: string, copy: OfflineBookCopy | null | undefined): (url: string) => string {
  const [urls, setUrls] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    if (!copy) return undefined;
    let cancelled = false;
    let loaded = new Map<string, string>();
    void loadOfflineBookUrls(getDb(), bookId, copy).then((local) => {
      loaded = local;
      if (cancelled) local.forEach((url) => URL.revokeObjectURL(url));
      else setUrls(local);
    });
    return () => {
      cancelled = true;
      loaded.forEach((url) => URL.revokeObjectURL(url));
      setUrls(new Map());
    };
  }, [bookId, copy]);
  return (url) => urls.get(urlPath(url)) ?? url;
}

/** The pages, the book and every activity's config (with file keys instead of expiring URLs). */
async function fetchCopy(bookId: string, queryClient: ReturnType<typeof useQueryClient>) {
  const [book, pages, summaries] = await Promise.all([
    queryClient.fetchQuery(bookQuery(bookId)),
    queryClient.fetchQuery(bookPagesQuery(bookId)),
    unwrap(api.GET('/api/v1/books/{book_id}/activities', { params: { path: { book_id: bookId } } })),
  ]);
  const activities = await Promise.all(
    summaries.map(async (summary) => {
      const detail = await unwrap(api.GET('/api/v1/activities/{activity_id}', { params: { path: { activity_id: summary.id } } }));
      return withAssetKeys(detail, detail.assets);
    }),
  );
  return { book, pages, activities };
}

/** "Make available offline" for the whole book: size estimate, progress, cancel, and removing the copy. */
export function BookOfflineControl({ bookId }: { bookId: string }) {
  const { t } = useTranslation('books');
  const online = useOnlineStatus();
  const queryClient = useQueryClient();
  const copy = useOfflineBook(bookId);
  const manifest = useQuery({
    queryKey: [...bookKeys.all, 'manifest', bookId],
    queryFn: async () => {
      const assets = await fetchBookManifest(bookId);
      return { assets, plan: await planDownload(getDb(), bookId, assets) };
    },
    enabled: online && copy === null,
  });
  const [progress, setProgress] = useState<DownloadProgress | null>(null);
  const [failed, setFailed] = useState<{ path: string | null } | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  if (copy === undefined) return null;

  if (copy !== null && progress === null) {
    return (
      <div className="flex flex-wrap items-center gap-2">
        <span className="inline-flex items-center gap-1.5 text-sm font-medium text-emerald-800" data-testid="book-offline-ready">
          <CheckCircle2 aria-hidden="true" className="size-4" />
          {t('offline.ready')}
        </span>
        <Button variant="ghost" size="sm" onClick={() => void removeOfflineBook(getDb(), bookId)}>
          <Trash2 aria-hidden="true" />
          {t('offline.remove')}
        </Button>
      </div>
    );
  }

  const download = async () => {
    const controller = new AbortController();
    abort.current = controller;
    setFailed(null);
    try {
      const assets = await fetchBookManifest(bookId);
      const plan = await planDownload(getDb(), bookId, assets);
      setProgress({ doneBytes: plan.totalBytes - plan.missingBytes, totalBytes: plan.totalBytes, doneFiles: 0, totalFiles: assets.length });
      const fetched = await fetchCopy(bookId, queryClient);
      await makeBookAvailableOffline({
        db: getDb(),
        bookId,
        manifest: assets,
        copy: fetched,
        signal: controller.signal,
        onProgress: setProgress,
      });
    } catch (error) {
      if (!controller.signal.aborted) {
        console.error('book download failed', error);
        setFailed({ path: error instanceof AssetDownloadError ? error.path : null });
      }
    } finally {
      abort.current = null;
      setProgress(null);
      void manifest.refetch();
    }
  };

  if (progress !== null) {
    return (
      <div className="flex flex-wrap items-center gap-2" data-testid="book-offline-progress">
        <DownloadProgressBar
          doneBytes={progress.doneBytes}
          totalBytes={progress.totalBytes}
          label={t('offline.downloading')}
          describe={(sizes) => t('offline.progress', sizes)}
        />
        <Button variant="ghost" size="sm" onClick={() => abort.current?.abort()}>
          <X aria-hidden="true" />
          {t('offline.cancel')}
        </Button>
      </div>
    );
  }

  const size = manifest.data?.plan.missingBytes;
  return (
    <div className="grid gap-1">
      <Button variant="outline" onClick={() => void download()} disabled={!online}>
        <Download aria-hidden="true" />
        {size === undefined ? t('offline.makeAvailable') : t('offline.makeAvailableSize', { size: formatBytes(size) })}
      </Button>
      {failed !== null && (
        <span role="alert" className="text-xs text-destructive">
          {failed.path === null ? t('offline.failed') : t('offline.fileFailed', { file: failed.path })}
        </span>
      )}
    </div>
  );
}
