import { describe, expect, it } from 'vitest';

import { makeAssignment } from '@/features/assignments/testing';

import { ATTENTION_LIMIT, needingAttention, relativeTime } from './attention';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Noon, local time, so that "same day" and "calendar days" do not depend on when the test runs.
const NOW = new Date(2030, 4, 15, 12, 0, 0).getTime();
const dueIn = (offset: number, id = `a${offset}`) => makeAssignment({ id, due_at: new Date(NOW + offset).toISOString() });

describe('needingAttention', () => {
  it('keeps the week ahead (soonest first) and the week behind (latest first), at most a few of each', () => {
    const ahead = Array.from({ length: ATTENTION_LIMIT + 2 }, (_, i) => dueIn((i + 1) * HOUR));
    const { dueSoon, recentlyDue } = needingAttention(
      [...ahead.reverse(), dueIn(-DAY), dueIn(-HOUR), dueIn(7 * DAY + HOUR), dueIn(-7 * DAY - HOUR), makeAssignment({ id: 'undated' })],
      NOW,
    );
    expect(dueSoon.map((a) => a.id)).toEqual([1, 2, 3, 4, 5].map((h) => `a${h * HOUR}`));
    expect(recentlyDue.map((a) => a.id)).toEqual([`a${-HOUR}`, `a${-DAY}`]);
  });
});

describe('relativeTime', () => {
  it.each([
    [10 * 60_000, 'in 10 minutes'],
    [3 * HOUR, 'in 3 hours'],
    [-2 * HOUR, '2 hours ago'],
    // Tomorrow morning is "tomorrow" although less than a day away.
    [20 * HOUR, 'tomorrow'],
    [3 * DAY, 'in 3 days'],
    [-13 * HOUR, 'yesterday'],
    [-2 * DAY, '2 days ago'],
  ])('%i ms from now reads "%s"', (offset, text) => {
    expect(relativeTime(new Date(NOW + offset), NOW, 'en')).toBe(text);
  });
});
