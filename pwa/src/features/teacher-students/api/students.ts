import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '@/shared/api/client';
import { expectOk, unwrapPage } from '@/shared/api/page';
import type { paths } from '@/shared/api/generated/schema';
import type { ApiData } from '@/shared/api/types';

export type Student = ApiData<'/api/v1/teachers/me/students', 'get'>[number];
export type StudentSort = NonNullable<
  NonNullable<paths['/api/v1/teachers/me/students']['get']['parameters']['query']>['sort']
>;
type CreateBody = paths['/api/v1/teachers/me/students']['post']['requestBody']['content']['application/json'];
type UpdateBody = paths['/api/v1/teachers/me/students/{student_id}']['put']['requestBody']['content']['application/json'];

export type StudentListParams = { search?: string | undefined; sort?: StudentSort; page?: number; perPage?: number; classId?: string };

export const studentKeys = { all: ['teacher-students'] as const };

export function studentsQuery(params: StudentListParams) {
  return queryOptions({
    queryKey: [...studentKeys.all, 'list', params],
    queryFn: () =>
      unwrapPage(
        api.GET('/api/v1/teachers/me/students', {
          params: {
            query: {
              search: params.search,
              sort: params.sort,
              page: params.page,
              per_page: params.perPage ?? 20,
              class_id: params.classId,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useStudents(params: StudentListParams) {
  return useQuery(studentsQuery(params));
}

export function useCreateStudent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateBody) => unwrap(api.POST('/api/v1/teachers/me/students', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: studentKeys.all }),
  });
}

export function useUpdateStudent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateBody }) =>
      unwrap(api.PUT('/api/v1/teachers/me/students/{student_id}', { params: { path: { student_id: id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: studentKeys.all }),
  });
}

export function useDeleteStudent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      expectOk(api.DELETE('/api/v1/teachers/me/students/{student_id}', { params: { path: { student_id: id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: studentKeys.all }),
  });
}

export function useResetStudentPassword() {
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.POST('/api/v1/teachers/me/students/{student_id}/reset-password', { params: { path: { student_id: id } } }),
      ),
  });
}
