import type { ApiData } from '@/shared/api/types';

export type TeacherAssignment = ApiData<'/api/v1/assignments', 'get'>[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How far ahead "due soon" and how far back "recently due" reach: a week either way. */
export const ATTENTION_WINDOW_DAYS = 7;
/** The most assignments each group shows; the assignments page has the rest. */
export const ATTENTION_LIMIT = 5;

type Attention = { dueSoon: TeacherAssignment[]; recentlyDue: TeacherAssignment[] };

const dueTime = (assignment: TeacherAssignment) => (assignment.due_at ? new Date(assignment.due_at).getTime() : NaN);

/**
 * The assignments a teacher should look at now: those due within the window (soonest first), and those whose
 * due date passed within it (latest first), when the results come in. Assignments without a due date never press.
 */
export function needingAttention(assignments: readonly TeacherAssignment[], now: number): Attention {
  const window = ATTENTION_WINDOW_DAYS * DAY;
  const dated = assignments.filter((assignment) => !Number.isNaN(dueTime(assignment)));
  const dueSoon = dated
    .filter((assignment) => dueTime(assignment) >= now && dueTime(assignment) <= now + window)
    .sort((a, b) => dueTime(a) - dueTime(b));
  const recentlyDue = dated
    .filter((assignment) => dueTime(assignment) < now && dueTime(assignment) >= now - window)
    .sort((a, b) => dueTime(b) - dueTime(a));
  return { dueSoon: dueSoon.slice(0, ATTENTION_LIMIT), recentlyDue: recentlyDue.slice(0, ATTENTION_LIMIT) };
}

const startOfDay = (time: number) => new Date(time).setHours(0, 0, 0, 0);

/**
 * "in 20 minutes", "3 hours ago" within the same day; calendar days otherwise ("tomorrow", "in 3 days",
 * "2 days ago"), so a due date tomorrow morning reads "tomorrow" even when it is less than 24 hours away.
 */
export function relativeTime(date: Date, now: number, language: string): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const diff = date.getTime() - now;
  // Rounded because a daylight-saving change makes a day 23 or 25 hours long.
  const days = Math.round((startOfDay(date.getTime()) - startOfDay(now)) / DAY);
  if (days !== 0) return format.format(days, 'day');
  if (Math.abs(diff) >= HOUR) return format.format(Math.trunc(diff / HOUR), 'hour');
  return format.format(Math.trunc(diff / MINUTE), 'minute');
}
