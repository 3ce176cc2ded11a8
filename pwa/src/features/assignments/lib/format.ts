import type { TFunction } from 'i18next';


export function formatDateTime(value: string | null | undefined, language: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** Seconds -> "1 h 5 min", "12 min 5 s", "40 s". */
export function formatDuration(seconds: number, t: TFunction<'assignments'>): string {
  const whole = Math.max(0, Math.round(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  if (hours > 0) return t('duration.hoursMinutes', { hours, minutes });
  if (minutes > 0) return t('duration.minutesSeconds', { minutes, seconds: rest });
  return t('duration.seconds', { seconds: rest });
}

/** How the teacher recognises an activity: its title or header, and where it is in the book. */
export function activityTitle(activity: {
  title: string | null;
  header_text?: string | null;
  module_name: string;
}): string {
  return activity.title?.trim() || activity.header_text?.trim() || activity.module_name;
}

export function percent(part: number, whole: number): number {
  return whole <= 0 ? 0 : Math.round((100 * part) / whole);
}
