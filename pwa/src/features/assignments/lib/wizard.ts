// The assignment wizard's state, per-step validation and the create body it turns into.
// Validation messages are keys of the `assignments` namespace (`wizard.errors.*`).
import { z } from 'zod';

import type { AssignmentCreate } from '../api/types';

export const WIZARD_STEPS = ['book', 'activities', 'targets', 'options', 'review'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

// The server's limits (assignments/schemas.py).
export const MAX_TIME_LIMIT_MINUTES = 24 * 60;
export const MAX_ATTEMPTS = 100;
export const MAX_NAME_LENGTH = 200;
export const MAX_INSTRUCTIONS_LENGTH = 10_000;

export interface WizardState {
  bookId: string | null;
  /** In the order students will do them. */
  activityIds: string[];
  classIds: string[];
  studentIds: string[];
  name: string;
  instructions: string;
  /** A `datetime-local` value in the device's time zone; empty for no due date. */
  dueAt: string;
  /** Minutes as typed; empty for no time limit. */
  timeLimit: string;
  maxAttempts: string;
  showAnswers: boolean;
}

export const initialWizardState: WizardState = {
  bookId: null,
  activityIds: [],
  classIds: [],
  studentIds: [],
  name: '',
  instructions: '',
  dueAt: '',
  timeLimit: '',
  maxAttempts: '1',
  showAnswers: true,
};

export type WizardField = 'bookId' | 'activityIds' | 'targets' | 'name' | 'instructions' | 'dueAt' | 'timeLimit' | 'maxAttempts';
export type ErrorKey =
  | 'chooseBook'
  | 'chooseActivity'
  | 'chooseTarget'
  | 'nameRequired'
  | 'nameTooLong'
  | 'instructionsTooLong'
  | 'dueAtInvalid'
  | 'dueAtPast'
  | 'timeLimitInvalid'
  | 'maxAttemptsInvalid';
export type StepErrors = Partial<Record<WizardField, ErrorKey>>;

const wholeNumber = (min: number, max: number) => (value: string) =>
  /^\d+$/.test(value.trim()) && Number(value) >= min && Number(value) <= max;

/** `datetime-local` value -> Date in the device's time zone, or null when it is not a date. */
export function parseLocalDateTime(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Date -> `datetime-local` value in the device's time zone. */
export function toLocalDateTimeValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function stepSchema(step: WizardStep, now: Date) {
  const book = z.object({ bookId: z.string({ message: 'chooseBook' }).min(1, 'chooseBook') });
  const activities = z.object({ activityIds: z.array(z.string()).min(1, 'chooseActivity') });
  const targets = z
    .object({ classIds: z.array(z.string()), studentIds: z.array(z.string()) })
    .refine((value) => value.classIds.length + value.studentIds.length > 0, { message: 'chooseTarget', path: ['targets'] });
  const options = z.object({
    name: z.string().trim().min(1, 'nameRequired').max(MAX_NAME_LENGTH, 'nameTooLong'),
    instructions: z.string().max(MAX_INSTRUCTIONS_LENGTH, 'instructionsTooLong'),
    dueAt: z
      .string()
      .refine((value) => value === '' || parseLocalDateTime(value) !== null, 'dueAtInvalid')
      .refine((value) => {
        const date = parseLocalDateTime(value);
        return date === null || date.getTime() > now.getTime();
      }, 'dueAtPast'),
    timeLimit: z.string().refine((value) => value.trim() === '' || wholeNumber(1, MAX_TIME_LIMIT_MINUTES)(value), 'timeLimitInvalid'),
    maxAttempts: z.string().refine(wholeNumber(1, MAX_ATTEMPTS), 'maxAttemptsInvalid'),
  });
  switch (step) {
    case 'book':
      return book;
    case 'activities':
      return activities;
    case 'targets':
      return targets;
    case 'options':
      return options;
    case 'review':
      return book.and(activities).and(targets).and(options);
  }
}

/** The errors that keep the wizard on `step` (the review step checks every step again). */
export function validateStep(step: WizardStep, state: WizardState, now = new Date()): StepErrors {
  const result = stepSchema(step, now).safeParse(state);
  if (result.success) return {};
  const errors: StepErrors = {};
  for (const issue of result.error.issues) {
    const field = (issue.path[0] ?? 'targets') as WizardField;
    errors[field] ??= issue.message as ErrorKey;
  }
  return errors;
}

/** The first step with errors, for the review step to send the teacher back to. */
export function firstInvalidStep(state: WizardState, now = new Date()): WizardStep | null {
  return WIZARD_STEPS.slice(0, -1).find((step) => Object.keys(validateStep(step, state, now)).length > 0) ?? null;
}

export function toCreateBody(state: WizardState): AssignmentCreate {
  if (state.bookId === null) throw new Error('toCreateBody needs a validated state');
  const dueAt = parseLocalDateTime(state.dueAt);
  const instructions = state.instructions.trim();
  return {
    name: state.name.trim(),
    instructions: instructions === '' ? null : instructions,
    book_id: state.bookId,
    activity_ids: state.activityIds,
    targets: { class_ids: state.classIds, student_ids: state.studentIds },
    due_at: dueAt === null ? null : dueAt.toISOString(),
    time_limit_minutes: state.timeLimit.trim() === '' ? null : Number(state.timeLimit),
    show_answers: state.showAnswers,
    max_attempts: Number(state.maxAttempts),
  };
}

/** Moves the item at `index` by `offset` (-1 up, +1 down); out-of-range moves change nothing. */
export function move<T>(items: readonly T[], index: number, offset: -1 | 1): T[] {
  const target = index + offset;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return [...items];
  const next = [...items];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}
