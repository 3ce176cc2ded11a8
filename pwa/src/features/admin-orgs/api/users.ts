import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '@/shared/api/client';
import { unwrapPage } from '@/shared/api/page';
import type { ApiData, Role } from '@/shared/api/types';

export type AdminUserRow = ApiData<'/api/v1/admin/users', 'get'>[number];
export const userKeys = { all: ['admin', 'users'] as const };

export function usersQuery(params: { search?: string | undefined; role?: Role | undefined; page?: number; perPage?: number }) {
  return queryOptions({
    queryKey: [...userKeys.all, params],
    queryFn: () =>
      unwrapPage(
        api.GET('/api/v1/admin/users', {
          params: { query: { search: params.search, role: params.role, page: params.page, per_page: params.perPage ?? 20 } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
export const useUsers = (params: Parameters<typeof usersQuery>[0]) => useQuery(usersQuery(params));

export function useSetUserActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      active
        ? unwrap(api.POST('/api/v1/admin/users/{user_id}/activate', { params: { path: { user_id: id } } }))
        : unwrap(api.POST('/api/v1/admin/users/{user_id}/deactivate', { params: { path: { user_id: id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

/** A new password for any other account (the server generates it); returned once, never cached. */
export function useResetUserPassword() {
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/admin/users/{user_id}/reset-password', { params: { path: { user_id: id } } })),
  });
}
