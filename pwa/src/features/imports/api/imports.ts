import { apiErrorFromResponse } from '@/shared/api/api-error';
import { apiFetch } from '@/shared/api/client';
import { fileNameFrom } from '@/shared/lib/download';

import type { ImportKind, ImportMode, ImportReport, ImportTarget } from '../lib/types';

async function failure(response: Response): Promise<never> {
  throw apiErrorFromResponse(response, await response.json().catch(() => null));
}

/** The empty spreadsheet (xlsx or csv) with the columns an import of `kind` expects. */
export async function downloadTemplate(kind: ImportKind, format: 'xlsx' | 'csv'): Promise<{ blob: Blob; fileName: string }> {
  const response = await apiFetch(`/api/v1/imports/templates/${encodeURIComponent(kind)}?format=${format}`);
  if (!response.ok) return failure(response);
  return { blob: await response.blob(), fileName: fileNameFrom(response, `${kind}-template.${format}`) };
}

/** Sends the file: `validate` only checks it; the other modes import (all rows, or only the valid ones). */
export async function uploadImport(target: ImportTarget, file: File, mode: ImportMode): Promise<ImportReport> {
  const form = new FormData();
  form.append('file', file, file.name);
  form.append('mode', mode);
  for (const [name, value] of Object.entries(target.extraFields ?? {})) form.append(name, value);
  const response = await apiFetch(target.uploadPath, { method: 'POST', body: form });
  if (!response.ok) return failure(response);
  const body = (await response.json()) as { data: ImportReport };
  return body.data;
}

/** The rows that were not imported, with a column saying why (the link comes with the report). */
export async function downloadErrorSheet(url: string): Promise<{ blob: Blob; fileName: string }> {
  const path = url.startsWith('http') ? new URL(url).pathname + new URL(url).search : url;
  const response = await apiFetch(path);
  if (!response.ok) return failure(response);
  return { blob: await response.blob(), fileName: fileNameFrom(response, 'import-errors.xlsx') };
}
