import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '@/shared/api/client';
import type { paths } from '@/shared/api/generated/schema';
import { expectOk, unwrapPage } from '@/shared/api/page';
import type { ApiData } from '@/shared/api/types';

export type School = ApiData<'/api/v1/admin/schools', 'get'>[number];
export type SchoolSort = NonNullable<NonNullable<paths['/api/v1/admin/schools']['get']['parameters']['query']>['sort']>;
type CreateBody = paths['/api/v1/admin/schools']['post']['requestBody']['content']['application/json'];
type UpdateBody = paths['/api/v1/admin/schools/{school_id}']['put']['requestBody']['content']['application/json'];

export const schoolKeys = { all: ['admin', 'schools'] as const };

export function schoolsQuery(params: {
  search?: string | undefined;
  sort?: SchoolSort;
  page?: number;
  publisherId?: string | undefined;
  perPage?: number;
}) {
  return queryOptions({
    queryKey: [...schoolKeys.all, params],
    queryFn: () =>
      unwrapPage(
        api.GET('/api/v1/admin/schools', {
          params: {
            query: { search: params.search, sort: params.sort, page: params.page, per_page: params.perPage ?? 20, publisher_id: params.publisherId },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
export const useSchools = (params: Parameters<typeof schoolsQuery>[0]) => useQuery(schoolsQuery(params));

export function useCreateSchool() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateBody) => unwrap(api.POST('/api/v1/admin/schools', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: schoolKeys.all }),
  });
}

export function useUpdateSchool() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateBody }) =>
      unwrap(api.PUT('/api/v1/admin/schools/{school_id}', { params: { path: { school_id: id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: schoolKeys.all }),
  });
}

export function useDeleteSchool() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      expectOk(api.DELETE('/api/v1/admin/schools/{school_id}', { params: { path: { school_id: id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: schoolKeys.all }),
  });
}
