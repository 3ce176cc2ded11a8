import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '@/shared/api/client';

import { assignmentKeys } from './assignment-keys';
import type { Assignment, AssignmentCreate } from './types';

export async function createAssignment(body: AssignmentCreate): Promise<Assignment> {
  return unwrap(api.POST('/api/v1/assignments', { body }));
}

export function useCreateAssignment({ onSuccess }: { onSuccess: (assignment: Assignment) => void }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAssignment,
    onSuccess: async (assignment) => {
      await queryClient.invalidateQueries({ queryKey: assignmentKeys.list() });
      onSuccess(assignment);
    },
  });
}
