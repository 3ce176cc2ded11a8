import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '@/shared/api/client';
import type { paths } from '@/shared/api/generated/schema';
import { unwrapPage } from '@/shared/api/page';
import type { ApiData } from '@/shared/api/types';

export type MyTeacher = ApiData<'/api/v1/publishers/me/teachers', 'get'>[number];
export type MyTeacherSort = NonNullable<NonNullable<paths['/api/v1/publishers/me/teachers']['get']['parameters']['query']>['sort']>;
type CreateBody = paths['/api/v1/publishers/me/teachers']['post']['requestBody']['content']['application/json'];
type UpdateBody = paths['/api/v1/publishers/me/teachers/{teacher_id}']['put']['requestBody']['content']['application/json'];

export const teacherKeys = { all: ['publisher', 'teachers'] as const };

export function myTeachersQuery(params: {
  search?: string | undefined;
  sort?: MyTeacherSort;
  page?: number;
  schoolId?: string | undefined;
  perPage?: number;
}) {
  return queryOptions({
    queryKey: [...teacherKeys.all, params],
    queryFn: () =>
      unwrapPage(
        api.GET('/api/v1/publishers/me/teachers', {
          params: {
            query: { search: params.search, sort: params.sort, page: params.page, per_page: params.perPage ?? 20, school_id: params.schoolId },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
export const useMyTeachers = (params: Parameters<typeof myTeachersQuery>[0]) => useQuery(myTeachersQuery(params));

export function useCreateTeacher() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateBody) => unwrap(api.POST('/api/v1/publishers/me/teachers', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teacherKeys.all }),
  });
}

export function useUpdateTeacher() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateBody }) =>
      unwrap(api.PUT('/api/v1/publishers/me/teachers/{teacher_id}', { params: { path: { teacher_id: id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teacherKeys.all }),
  });
}

/** A new password for a teacher of one of the publisher's schools; returned once, never cached. */
export function useResetTeacherPassword() {
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.POST('/api/v1/publishers/me/teachers/{teacher_id}/reset-password', { params: { path: { teacher_id: id } } }),
      ),
  });
}
