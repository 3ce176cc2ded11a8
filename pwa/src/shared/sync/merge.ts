// The merge core of offline sync: pure functions over the wire form of attempt states (PROTOCOL.md, "Merging"),
// the same rules as the server's (server/dream_lms/attempts/merge.py). Merging is commutative, associative and
// idempotent, so every device and the server end with one state whatever order pushes and pulls arrive in.
import { answerCounts, answersDeadlineMs } from '@/shared/scoring/counted';
import { compareHlc, correctDeviceTime } from './clock';
import {
  AttemptKeyMismatchError,
  type AnswerEntry,
  type AttemptEvent,
  type AttemptState,
  type Counters,
  type Outcome,
  type Status,
  type SubmissionTiming,
  type SubmissionTimingInput,
  type VectorOrder,
} from './types';

export const STATUS_ORDER: readonly Status[] = ['not_started', 'in_progress', 'submitted'];

type AnswerMap = Record<string, AnswerEntry>;

/** How `a` relates to `b`; a missing device counts as 0. */
export function compareVectors(a: Counters, b: Counters): VectorOrder {
  const aAhead = Object.entries(a).some(([device, counter]) => counter > (b[device] ?? 0));
  const bAhead = Object.entries(b).some(([device, counter]) => counter > (a[device] ?? 0));
  if (aAhead && bAhead) return 'concurrent';
  if (aAhead) return 'dominates';
  if (bAhead) return 'dominated';
  return 'equal';
}

/** Pointwise maximum, for version vectors and per-device time spent, keys in sorted order. */
export function joinCounters(a: Counters, b: Counters): Counters {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return Object.fromEntries(keys.map((key) => [key, Math.max(a[key] ?? 0, b[key] ?? 0)]));
}

function lastWriterWins(...maps: AnswerMap[]): AnswerMap {
  const merged: AnswerMap = {};
  for (const answers of maps) {
    for (const [activity, entry] of Object.entries(answers)) {
      const current = merged[activity];
      if (current === undefined || compareHlc(entry.hlc, current.hlc) > 0) merged[activity] = entry;
    }
  }
  return Object.fromEntries(Object.keys(merged).sort().map((activity) => [activity, merged[activity]!]));
}

// An answer the counted set already has (or has a later one of) carries nothing new.
function newerThanCounted(candidates: AnswerMap, counted: AnswerMap): AnswerMap {
  return Object.fromEntries(
    Object.entries(candidates).filter(([activity, entry]) => {
      const current = counted[activity];
      return current === undefined || compareHlc(entry.hlc, current.hlc) > 0;
    }),
  );
}

function earliestEvent(a: AttemptEvent | null, b: AttemptEvent | null): AttemptEvent | null {
  if (a === null || b === null) return b === null ? a : b;
  return compareHlc(a.hlc, b.hlc) <= 0 ? a : b;
}

function sameEvent(a: AttemptEvent | null, b: AttemptEvent | null): boolean {
  if (a === null || b === null) return a === b;
  return compareHlc(a.hlc, b.hlc) === 0 && a.device_time === b.device_time;
}

/**
 * The join of two states of one attempt. Unsubmitted: answers per activity by last writer (HLC order).
 * Submitted: the earliest submission counts, and its answers are exactly what its device(s) submitted; every
 * other answer stays in `answers_not_submitted` (kept and shown, never scored), so no answer is dropped.
 */
export function mergeAttemptStates(a: AttemptState, b: AttemptState): AttemptState {
  for (const field of ['attempt_id', 'assignment_id', 'attempt_number'] as const) {
    if (a[field] !== b[field]) throw new AttemptKeyMismatchError(field);
  }
  const submitted = earliestEvent(a.submitted, b.submitted);
  const counting = submitted === null ? [a, b] : [a, b].filter((state) => sameEvent(state.submitted, submitted));
  const others = submitted === null ? [] : [a, b].filter((state) => !sameEvent(state.submitted, submitted));
  const answers = lastWriterWins(...counting.map((state) => state.answers));
  const notCounted = lastWriterWins(
    ...others.map((state) => state.answers),
    a.answers_not_submitted,
    b.answers_not_submitted,
  );
  return {
    attempt_id: a.attempt_id,
    assignment_id: a.assignment_id,
    attempt_number: a.attempt_number,
    status: STATUS_ORDER.indexOf(b.status) > STATUS_ORDER.indexOf(a.status) ? b.status : a.status,
    version_vector: joinCounters(a.version_vector, b.version_vector),
    answers,
    answers_not_submitted: newerThanCounted(notCounted, answers),
    time_spent: joinCounters(a.time_spent, b.time_spent),
    started: earliestEvent(a.started, b.started),
    submitted,
  };
}

/** What the server does with a pushed state: the op's outcome and the state it stores and returns. */
export function applyIncoming(stored: AttemptState | null, incoming: AttemptState): [Outcome, AttemptState] {
  if (stored === null) return ['applied', incoming];
  const order = compareVectors(incoming.version_vector, stored.version_vector);
  if (order === 'equal' || order === 'dominated') return ['duplicate', stored];
  // Even a dominating state is joined, not copied: a faulty client can then still never erase an answer.
  return [order === 'dominates' ? 'applied' : 'merged', mergeAttemptStates(stored, incoming)];
}

/**
 * When a submission counts as made (server clock) and whether it was on time and within the time limit.
 * `started_at` is already on the server's clock; due date and time limit include the student's extensions;
 * `grace_ms` forgives the time limit only.
 */
export function classifySubmission(input: SubmissionTimingInput): SubmissionTiming {
  const corrected = correctDeviceTime(input.submitted_device_time, input.skew_ms, input.server_received_at);
  const submittedAt = Math.max(corrected, input.started_at);
  const onTime = input.due_at === null || submittedAt <= input.due_at;
  return {
    submitted_at: submittedAt,
    on_time: onTime,
    synced_late: onTime && input.due_at !== null && input.server_received_at > input.due_at,
    within_time_limit: answerCounts(
      submittedAt,
      answersDeadlineMs(input.started_at, input.time_limit_minutes, input.grace_ms),
    ),
  };
}
