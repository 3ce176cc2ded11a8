import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/shared/api/client';
import { unwrapPage } from '@/shared/api/page';
import type { ApiData } from '@/shared/api/types';

export type AuditEntry = ApiData<'/api/v1/admin/audit-log', 'get'>[number];

export function auditLogQuery(params: { entityType?: string | undefined; page?: number; perPage?: number }) {
  return queryOptions({
    queryKey: ['admin', 'audit-log', params],
    queryFn: () =>
      unwrapPage(
        api.GET('/api/v1/admin/audit-log', {
          params: { query: { entity_type: params.entityType, page: params.page, per_page: params.perPage ?? 25 } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
export const useAuditLog = (params: Parameters<typeof auditLogQuery>[0]) => useQuery(auditLogQuery(params));
