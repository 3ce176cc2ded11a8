import type { Role } from '@/shared/api/types';
import type { NotificationRow } from '@/shared/db/db';

/** Where opening a notification leads: the assignment for a student, its results for a teacher. */
export type NotificationTarget =
  | { to: '/student/assignments/$assignmentId'; params: { assignmentId: string } }
  | { to: '/teacher/assignments/$assignmentId'; params: { assignmentId: string } };

export function notificationTarget(notification: Pick<NotificationRow, 'data'>, role: Role): NotificationTarget | null {
  const assignmentId = notification.data.assignment_id;
  if (typeof assignmentId !== 'string' || assignmentId === '') return null;
  if (role === 'student') return { to: '/student/assignments/$assignmentId', params: { assignmentId } };
  if (role === 'teacher') return { to: '/teacher/assignments/$assignmentId', params: { assignmentId } };
  return null;
}
