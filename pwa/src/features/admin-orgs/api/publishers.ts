import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '@/shared/api/client';
import type { paths } from '@/shared/api/generated/schema';
import { expectOk, unwrapPage } from '@/shared/api/page';
import type { ApiData } from '@/shared/api/types';

export type Publisher = ApiData<'/api/v1/admin/publishers', 'get'>[number];
export type PublisherSort = NonNullable<NonNullable<paths['/api/v1/admin/publishers']['get']['parameters']['query']>['sort']>;
type CreateBody = paths['/api/v1/admin/publishers']['post']['requestBody']['content']['application/json'];
type UpdateBody = paths['/api/v1/admin/publishers/{publisher_id}']['put']['requestBody']['content']['application/json'];

export const publisherKeys = { all: ['admin', 'publishers'] as const };

export function publishersQuery(params: { search?: string | undefined; sort?: PublisherSort; page?: number; perPage?: number }) {
  return queryOptions({
    queryKey: [...publisherKeys.all, params],
    queryFn: () =>
      unwrapPage(
        api.GET('/api/v1/admin/publishers', {
          params: { query: { search: params.search, sort: params.sort, page: params.page, per_page: params.perPage ?? 20 } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
export const usePublishers = (params: Parameters<typeof publishersQuery>[0]) => useQuery(publishersQuery(params));

export function useCreatePublisher() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateBody) => unwrap(api.POST('/api/v1/admin/publishers', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: publisherKeys.all }),
  });
}

export function useUpdatePublisher() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateBody }) =>
      unwrap(api.PUT('/api/v1/admin/publishers/{publisher_id}', { params: { path: { publisher_id: id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: publisherKeys.all }),
  });
}

export function useDeletePublisher() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      expectOk(api.DELETE('/api/v1/admin/publishers/{publisher_id}', { params: { path: { publisher_id: id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: publisherKeys.all }),
  });
}
