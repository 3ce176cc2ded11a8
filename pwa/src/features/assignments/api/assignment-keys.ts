export const assignmentKeys = {
  all: ['assignments'] as const,
  list: () => [...assignmentKeys.all, 'list'] as const,
  detail: (id: string) => [...assignmentKeys.all, 'detail', id] as const,
  results: (id: string) => [...assignmentKeys.all, 'results', id] as const,
  analytics: (id: string) => [...assignmentKeys.all, 'analytics', id] as const,
};
