// Fixtures of the assignments API for the feature's tests (shapes from the generated schema).
import type {
  ActivitySummary,
  Assignment,
  AssignmentAnalytics,
  Book,
  SchoolClass,
  Student,
  StudentResult,
} from './api/types';

export const BOOK: Book = {
  id: 'book-1',
  title: 'English 3',
  dream_storage_id: 'ENG3',
  language: 'en',
  publisher_id: 'pub-1',
  publisher_name: 'Dream Press',
  status: 'published' as Book['status'],
  cover_url: null,
  synced_at: null,
};

export function activitySummary(id: string, title: string, overrides: Partial<ActivitySummary> = {}): ActivitySummary {
  return {
    id,
    book_id: BOOK.id,
    activity_type: 'circle',
    header_text: null,
    is_archived: false,
    location_key: `loc-${id}`,
    module_name: 'Module 1',
    order_index: 0,
    page_number: 12,
    section_index: 0,
    title,
    ...overrides,
  };
}

export const CLASS_3B: SchoolClass = {
  id: 'class-3b',
  name: 'Class 3B',
  academic_year: null,
  created_at: '2030-01-01T00:00:00Z',
  grade: '3',
  is_archived: false,
  school_id: 'school-1',
  student_count: 5,
  subject: null,
  teacher_id: 'teacher-1',
};

export function student(id: string, fullName: string): Student {
  return {
    id,
    user_id: `user-${id}`,
    full_name: fullName,
    email: null,
    username: null,
    grade: '3',
    parent_email: null,
    school_id: 'school-1',
    is_active: true,
    created_at: '2030-01-01T00:00:00Z',
    created_by_teacher_id: null,
  };
}

export function makeAssignment(overrides: Partial<Assignment> = {}): Assignment {
  return {
    id: 'assignment-1',
    teacher_id: 'teacher-1',
    book_id: BOOK.id,
    book_title: BOOK.title,
    name: 'Animals',
    instructions: null,
    due_at: null,
    time_limit_minutes: null,
    show_answers: true,
    max_attempts: 1,
    activities: [
      { activity_id: 'act-1', position: 0, activity_type: 'circle', title: 'Circle the animals', module_name: 'Module 1', page_number: 12 },
    ],
    targets: { class_ids: [CLASS_3B.id], student_ids: [] },
    stats: { targeted: 5, not_started: 3, in_progress: 1, submitted: 1, average_score: 67 },
    created_at: '2030-05-01T08:00:00Z',
    updated_at: '2030-05-01T08:00:00Z',
    ...overrides,
  };
}

export function makeResult(overrides: Partial<StudentResult> = {}): StudentResult {
  return {
    student_id: 'student-1',
    user_id: 'user-student-1',
    full_name: 'Sam Student',
    status: 'not_started',
    past_due: false,
    score: null,
    time_spent_seconds: 0,
    started_at: null,
    completed_at: null,
    synced_late: false,
    attempts_used: 0,
    due_at: null,
    time_limit_minutes: null,
    due_at_extension: null,
    time_limit_extension_minutes: null,
    latest_attempt: null,
    ...overrides,
  };
}

export function makeAnalytics(overrides: Partial<AssignmentAnalytics> = {}): AssignmentAnalytics {
  return {
    assignment_id: 'assignment-1',
    targeted: 5,
    submitted: 0,
    average_score: null,
    activities: [],
    ...overrides,
  };
}
