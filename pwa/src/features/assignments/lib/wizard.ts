// The assignment wizard's state, per-step validation, and the create and update bodies it turns into (the editor
// runs the same steps on an existing assignment). Validation messages are keys of the `assignments` namespace
// (`wizard.errors.*`).
import { z } from 'zod';

import type { Assignment, AssignmentCreate, AssignmentUpdate } from '../api/types';

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
/** Messages to show next to the fields (translated, or the server's own). */
export type FieldMessages = Partial<Record<WizardField, string>>;

/** The step where each field is filled in, for sending the teacher to the field an error is about. */
export const STEP_OF_FIELD: Record<WizardField, WizardStep> = {
  bookId: 'book',
  activityIds: 'activities',
  targets: 'targets',
  name: 'options',
  instructions: 'options',
  dueAt: 'options',
  timeLimit: 'options',
  maxAttempts: 'options',
};

/** The API's field names (error details' `field`, last part) -> the wizard's fields. */
export const WIZARD_FIELD_OF_API_FIELD: Record<string, WizardField> = {
  book_id: 'bookId',
  activity_ids: 'activityIds',
  targets: 'targets',
  class_ids: 'targets',
  student_ids: 'targets',
  name: 'name',
  instructions: 'instructions',
  due_at: 'dueAt',
  time_limit_minutes: 'timeLimit',
  max_attempts: 'maxAttempts',
};

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

function stepSchema(step: WizardStep, now: Date, keptDueAt: string | undefined) {
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
        // An edited assignment may keep a due date that has passed; only a new one must be ahead.
        return date === null || value === keptDueAt || date.getTime() > now.getTime();
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

/**
 * The errors that keep the wizard on `step` (the review step checks every step again). `keptDueAt` is the
 * due date an edited assignment already has: accepted even when it has passed.
 */
export function validateStep(step: WizardStep, state: WizardState, now = new Date(), keptDueAt?: string): StepErrors {
  const result = stepSchema(step, now, keptDueAt).safeParse(state);
  if (result.success) return {};
  const errors: StepErrors = {};
  for (const issue of result.error.issues) {
    const field = (issue.path[0] ?? 'targets') as WizardField;
    errors[field] ??= issue.message as ErrorKey;
  }
  return errors;
}

/** The first step with errors, for the review step to send the teacher back to. */
export function firstInvalidStep(state: WizardState, now = new Date(), keptDueAt?: string): WizardStep | null {
  return (
    WIZARD_STEPS.slice(0, -1).find((step) => Object.keys(validateStep(step, state, now, keptDueAt)).length > 0) ?? null
  );
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

/** An existing assignment as the wizard's state, for the editor to start from. */
export function toWizardState(assignment: Assignment): WizardState {
  return {
    bookId: assignment.book_id,
    activityIds: [...assignment.activities].sort((a, b) => a.position - b.position).map((a) => a.activity_id),
    classIds: [...assignment.targets.class_ids],
    studentIds: [...assignment.targets.student_ids],
    name: assignment.name,
    instructions: assignment.instructions ?? '',
    dueAt: assignment.due_at ? toLocalDateTimeValue(new Date(assignment.due_at)) : '',
    timeLimit: assignment.time_limit_minutes === null ? '' : String(assignment.time_limit_minutes),
    maxAttempts: String(assignment.max_attempts),
    showAnswers: assignment.show_answers,
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && new Set([...a, ...b]).size === a.length;
const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, index) => item === b[index]);

/**
 * Only what the teacher changed between `initial` and `state` (both validated), for PUT: the server leaves out
 * fields not sent. A new book is sent with its activities, which the server needs with it.
 */
export function toUpdateBody(initial: WizardState, state: WizardState): AssignmentUpdate {
  const before = toCreateBody(initial);
  const after = toCreateBody(state);
  const body: AssignmentUpdate = {};
  if (after.book_id !== before.book_id) body.book_id = after.book_id;
  if (body.book_id !== undefined || !sameList(after.activity_ids, before.activity_ids)) {
    body.activity_ids = after.activity_ids;
  }
  if (
    !sameSet(after.targets.class_ids ?? [], before.targets.class_ids ?? []) ||
    !sameSet(after.targets.student_ids ?? [], before.targets.student_ids ?? [])
  ) {
    body.targets = after.targets;
  }
  if (after.name !== before.name) body.name = after.name;
  if (after.instructions !== before.instructions) body.instructions = after.instructions ?? null;
  if (after.due_at !== before.due_at) body.due_at = after.due_at ?? null;
  if (after.time_limit_minutes !== before.time_limit_minutes) body.time_limit_minutes = after.time_limit_minutes ?? null;
  if (after.show_answers !== before.show_answers) body.show_answers = after.show_answers ?? true;
  if (after.max_attempts !== before.max_attempts) body.max_attempts = after.max_attempts ?? 1;
  return body;
}

/** Moves the item at `index` by `offset` (-1 up, +1 down); out-of-range moves change nothing. */
export function move<T>(items: readonly T[], index: number, offset: -1 | 1): T[] {
  const target = index + offset;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return [...items];
  const next = [...items];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}
