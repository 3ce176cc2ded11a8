import { formatBytes } from '@/shared/lib/format-bytes';

interface DownloadProgressBarProps {
  doneBytes: number;
  totalBytes: number;
  /** The bar's accessible name, e.g. "Downloading". */
  label: string;
  /** The line under the bar, given the sizes already formatted. */
  describe: (sizes: { done: string; total: string }) => string;
  testId?: string;
}

/** A download's progress bar with "x of y" under it (offline copies of assignments and books). */
export function DownloadProgressBar({ doneBytes, totalBytes, label, describe, testId }: DownloadProgressBarProps) {
  return (
    <div className="grid min-w-48 gap-1" data-testid={testId}>
      <progress className="h-2 w-full accent-primary" max={Math.max(1, totalBytes)} value={doneBytes} aria-label={label} />
      <span className="text-xs text-muted-foreground">
        {describe({ done: formatBytes(doneBytes), total: formatBytes(totalBytes) })}
      </span>
    </div>
  );
}
