import type { ApiData } from '@/shared/api/types';

export type ImportKind = 'students' | 'teachers' | 'publishers' | 'schools';
export type ImportMode = 'validate' | 'all_or_nothing' | 'valid_only';

/** The server's answer to a bulk import (also to a validation-only run). */
export type ImportReport = ApiData<'/api/v1/teachers/me/students/bulk-import', 'post'>;
export type ImportProblem = ImportReport['problems'][number];
export type PreviewRow = ImportReport['preview'][number];
export type Credential = ImportReport['created_credentials'][number];

/** Where a role sends its files: the upload endpoint and any extra form fields. */
export type ImportTarget = { kind: ImportKind; uploadPath: string; extraFields?: Record<string, string> };
