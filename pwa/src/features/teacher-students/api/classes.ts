import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '@/shared/api/client';
import type { paths } from '@/shared/api/generated/schema';
import { expectOk, unwrapPage } from '@/shared/api/page';
import type { ApiData } from '@/shared/api/types';

import { studentKeys } from './students';

export type SchoolClass = ApiData<'/api/v1/classes', 'get'>[number];
export type ClassDetail = ApiData<'/api/v1/classes/{class_id}', 'get'>;
export type ClassSort = NonNullable<NonNullable<paths['/api/v1/classes']['get']['parameters']['query']>['sort']>;
type CreateBody = paths['/api/v1/classes']['post']['requestBody']['content']['application/json'];
type UpdateBody = paths['/api/v1/classes/{class_id}']['put']['requestBody']['content']['application/json'];

export const classKeys = { all: ['classes'] as const };

export function classesQuery(params: { search?: string | undefined; sort?: ClassSort; page?: number; perPage?: number }) {
  return queryOptions({
    queryKey: [...classKeys.all, 'list', params],
    queryFn: () =>
      unwrapPage(
        api.GET('/api/v1/classes', {
          params: { query: { search: params.search, sort: params.sort, page: params.page, per_page: params.perPage ?? 20 } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export const useClasses = (params: Parameters<typeof classesQuery>[0]) => useQuery(classesQuery(params));

export function classQuery(id: string) {
  return queryOptions({
    queryKey: [...classKeys.all, 'detail', id],
    queryFn: () => unwrap(api.GET('/api/v1/classes/{class_id}', { params: { path: { class_id: id } } })),
  });
}

export const useClass = (id: string) => useQuery(classQuery(id));

function useInvalidateRoster() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: classKeys.all }),
      queryClient.invalidateQueries({ queryKey: studentKeys.all }),
    ]);
}

export function useCreateClass() {
  const invalidate = useInvalidateRoster();
  return useMutation({
    mutationFn: (body: CreateBody) => unwrap(api.POST('/api/v1/classes', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateClass() {
  const invalidate = useInvalidateRoster();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateBody }) =>
      unwrap(api.PUT('/api/v1/classes/{class_id}', { params: { path: { class_id: id } }, body })),
    onSuccess: invalidate,
  });
}

export function useDeleteClass() {
  const invalidate = useInvalidateRoster();
  return useMutation({
    mutationFn: (id: string) => expectOk(api.DELETE('/api/v1/classes/{class_id}', { params: { path: { class_id: id } } })),
    onSuccess: invalidate,
  });
}

export function useAddClassStudents() {
  const invalidate = useInvalidateRoster();
  return useMutation({
    mutationFn: ({ classId, studentIds }: { classId: string; studentIds: string[] }) =>
      unwrap(
        api.POST('/api/v1/classes/{class_id}/students', {
          params: { path: { class_id: classId } },
          body: { student_ids: studentIds },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useRemoveClassStudent() {
  const invalidate = useInvalidateRoster();
  return useMutation({
    mutationFn: ({ classId, studentId }: { classId: string; studentId: string }) =>
      expectOk(
        api.DELETE('/api/v1/classes/{class_id}/students/{student_id}', {
          params: { path: { class_id: classId, student_id: studentId } },
        }),
      ),
    onSuccess: invalidate,
  });
}
