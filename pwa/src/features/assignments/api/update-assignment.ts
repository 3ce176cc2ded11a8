import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '@/shared/api/client';

import { assignmentKeys } from './assignment-keys';
import type { Assignment, AssignmentUpdate } from './types';

export type UpdateAssignmentInput = { id: string; body: AssignmentUpdate };

/** Changes only the fields in `body`; `targets` and `activity_ids` replace the whole list. */
export async function updateAssignment({ id, body }: UpdateAssignmentInput): Promise<Assignment> {
  return unwrap(api.PUT('/api/v1/assignments/{assignment_id}', { params: { path: { assignment_id: id } }, body }));
}

export function useUpdateAssignment({ onSuccess }: { onSuccess: (assignment: Assignment) => void }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAssignment,
    onSuccess: async (assignment) => {
      // The list, the detail, the results and the analytics all show what changed.
      await queryClient.invalidateQueries({ queryKey: assignmentKeys.all });
      onSuccess(assignment);
    },
  });
}
