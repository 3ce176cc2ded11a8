import { describe, expect, it } from 'vitest';

import { activityAnswers } from './answers';
import { validateExtension } from './extension';
import {
  firstInvalidStep,
  initialWizardState,
  move,
  toCreateBody,
  toLocalDateTimeValue,
  toUpdateBody,
  toWizardState,
  validateStep,
  type WizardState,
} from './wizard';
import { makeAssignment } from '../testing';

const now = new Date('2030-05-10T12:00:00');
const complete: WizardState = {
  ...initialWizardState,
  bookId: 'book-1',
  activityIds: ['a2', 'a1'],
  classIds: ['class-3b'],
  studentIds: [],
  name: '  Animals  ',
  instructions: '  Read first.  ',
  dueAt: '2030-05-11T09:30',
  timeLimit: '20',
  maxAttempts: '2',
  showAnswers: false,
};

describe('wizard validation', () => {
  it('asks for a book, at least one activity and at least one class or student', () => {
    expect(validateStep('book', initialWizardState, now)).toEqual({ bookId: 'chooseBook' });
    expect(validateStep('activities', { ...complete, activityIds: [] }, now)).toEqual({ activityIds: 'chooseActivity' });
    expect(validateStep('targets', { ...complete, classIds: [], studentIds: [] }, now)).toEqual({ targets: 'chooseTarget' });
    expect(validateStep('targets', { ...complete, classIds: [], studentIds: ['s1'] }, now)).toEqual({});
  });

  it('checks the options: name, due date in the future, whole-minute time limit, attempts', () => {
    expect(validateStep('options', complete, now)).toEqual({});
    expect(
      validateStep('options', { ...complete, name: '   ', dueAt: '2030-05-09T09:00', timeLimit: '0', maxAttempts: '1.5' }, now),
    ).toEqual({ name: 'nameRequired', dueAt: 'dueAtPast', timeLimit: 'timeLimitInvalid', maxAttempts: 'maxAttemptsInvalid' });
    expect(validateStep('options', { ...complete, name: 'x'.repeat(201) }, now)).toEqual({ name: 'nameTooLong' });
    expect(validateStep('options', { ...complete, dueAt: 'tomorrow' }, now)).toEqual({ dueAt: 'dueAtInvalid' });
    expect(validateStep('options', { ...complete, timeLimit: '1441' }, now)).toEqual({ timeLimit: 'timeLimitInvalid' });
    expect(validateStep('options', { ...complete, maxAttempts: '101' }, now)).toEqual({ maxAttempts: 'maxAttemptsInvalid' });
    // Empty due date and time limit mean "none".
    expect(validateStep('options', { ...complete, dueAt: '', timeLimit: ' ' }, now)).toEqual({});
  });

  it('re-checks every step on review and names the first one to fix', () => {
    expect(firstInvalidStep(complete, now)).toBeNull();
    expect(validateStep('review', complete, now)).toEqual({});
    expect(firstInvalidStep({ ...complete, classIds: [], name: '' }, now)).toBe('targets');
    expect(firstInvalidStep(initialWizardState, now)).toBe('book');
  });
});

describe('the create body', () => {
  it('trims text, keeps the activity order, converts the local due date to UTC and empty fields to null', () => {
    expect(toCreateBody(complete)).toEqual({
      name: 'Animals',
      instructions: 'Read first.',
      book_id: 'book-1',
      activity_ids: ['a2', 'a1'],
      targets: { class_ids: ['class-3b'], student_ids: [] },
      due_at: new Date('2030-05-11T09:30').toISOString(),
      time_limit_minutes: 20,
      show_answers: false,
      max_attempts: 2,
    });
    expect(toCreateBody({ ...complete, instructions: ' ', dueAt: '', timeLimit: '' })).toMatchObject({
      instructions: null,
      due_at: null,
      time_limit_minutes: null,
    });
  });

  it('round-trips a date through the datetime-local format', () => {
    expect(toLocalDateTimeValue(new Date('2030-05-11T09:30'))).toBe('2030-05-11T09:30');
  });
});

describe('moving activities', () => {
  it('swaps neighbours and ignores moves past either end', () => {
    expect(move(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(move(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});

describe('editing an assignment', () => {
  const initial = { ...complete, studentIds: ['s1', 's2'], dueAt: '2030-05-01T09:30' };

  it('starts from the assignment, activities in their order', () => {
    const state = toWizardState(
      makeAssignment({
        instructions: null,
        due_at: null,
        time_limit_minutes: 15,
        activities: [
          { activity_id: 'a1', position: 1, activity_type: 'circle', title: null, module_name: 'M', page_number: 1 },
          { activity_id: 'a2', position: 0, activity_type: 'circle', title: null, module_name: 'M', page_number: 2 },
        ],
      }),
    );
    expect(state).toMatchObject({ bookId: 'book-1', activityIds: ['a2', 'a1'], classIds: ['class-3b'] });
    expect(state).toMatchObject({ instructions: '', dueAt: '', timeLimit: '15', maxAttempts: '1', showAnswers: true });
  });

  it('sends only what changed; the same targets in another order are no change; a new book goes with its activities', () => {
    expect(toUpdateBody(initial, { ...initial, name: 'Animals ', studentIds: ['s2', 's1'] })).toEqual({});
    expect(toUpdateBody(initial, { ...initial, name: 'Birds', instructions: ' ', timeLimit: '' })).toEqual({
      name: 'Birds',
      instructions: null,
      time_limit_minutes: null,
    });
    expect(toUpdateBody(initial, { ...initial, activityIds: ['a1', 'a2'], classIds: [] })).toEqual({
      activity_ids: ['a1', 'a2'],
      targets: { class_ids: [], student_ids: ['s1', 's2'] },
    });
    expect(toUpdateBody(initial, { ...initial, bookId: 'book-2', activityIds: ['m1'] })).toEqual({
      book_id: 'book-2',
      activity_ids: ['m1'],
    });
    expect(toUpdateBody(initial, { ...initial, dueAt: '', showAnswers: true, maxAttempts: '3' })).toEqual({
      due_at: null,
      show_answers: true,
      max_attempts: 3,
    });
  });

  it('keeps a due date that has passed, but a new one must be ahead', () => {
    expect(validateStep('options', initial, now)).toEqual({ dueAt: 'dueAtPast' });
    expect(validateStep('options', initial, now, initial.dueAt)).toEqual({});
    expect(validateStep('options', { ...initial, dueAt: '2030-05-02T09:30' }, now, initial.dueAt)).toEqual({
      dueAt: 'dueAtPast',
    });
    expect(firstInvalidStep(initial, now, initial.dueAt)).toBeNull();
  });
});

describe('extension form', () => {
  it('sends the values, null for an empty field, and refuses nonsense or nothing at all', () => {
    expect(validateExtension({ dueAt: '2030-05-12T08:00', timeLimit: '' })).toEqual({
      errors: {},
      body: { due_at: new Date('2030-05-12T08:00').toISOString(), time_limit_minutes: null },
    });
    expect(validateExtension({ dueAt: '', timeLimit: '45' }).body).toEqual({ due_at: null, time_limit_minutes: 45 });
    expect(validateExtension({ dueAt: '', timeLimit: 'ten' })).toEqual({ errors: { timeLimit: 'timeLimitInvalid' }, body: null });
    expect(validateExtension({ dueAt: '', timeLimit: '' })).toEqual({ errors: { dueAt: 'empty' }, body: null });
  });
});

describe("an attempt's answers", () => {
  it('reads sync answer entries and bare answers, and nothing else', () => {
    const answers = { a1: { value: { selected: [1] }, hlc: '0001' }, a2: { blanks: { '0': 'cat' } }, a3: 'junk' };
    expect(activityAnswers(answers, 'a1')).toEqual({ selected: [1] });
    expect(activityAnswers(answers, 'a2')).toEqual({ blanks: { '0': 'cat' } });
    expect(activityAnswers(answers, 'a3')).toBeUndefined();
    expect(activityAnswers(null, 'a1')).toBeUndefined();
  });
});
