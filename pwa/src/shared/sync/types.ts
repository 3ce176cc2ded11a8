// The wire form of sync messages (sync-protocol/schemas/), shared by the merge core and the sync client.

export type Status = 'not_started' | 'in_progress' | 'submitted';
export type VectorOrder = 'equal' | 'dominates' | 'dominated' | 'concurrent';
export type Outcome = 'applied' | 'duplicate' | 'merged';

/** A hybrid logical clock stamp, ordered by (wall, counter, device). */
export interface Hlc {
  wall: number;
  counter: number;
  device: string;
}

/** Device id -> counter (version vectors) or seconds (time spent); a missing device counts as 0. */
export type Counters = Record<string, number>;

/** One activity's answers (answers.schema.json) and the stamp of the change that wrote them. */
export interface AnswerEntry {
  value: Record<string, unknown>;
  hlc: Hlc;
}

/** The start or the submission of an attempt, with the device's own clock at that moment. */
export interface AttemptEvent {
  hlc: Hlc;
  device_time: number;
}

export interface AttemptState {
  attempt_id: string;
  assignment_id: string;
  attempt_number: number;
  status: Status;
  version_vector: Counters;
  answers: Record<string, AnswerEntry>;
  answers_not_submitted: Record<string, AnswerEntry>;
  time_spent: Counters;
  started: AttemptEvent | null;
  submitted: AttemptEvent | null;
}

export interface SubmissionTimingInput {
  submitted_device_time: number;
  skew_ms: number;
  server_received_at: number;
  started_at: number;
  due_at: number | null;
  time_limit_minutes: number | null;
  grace_ms: number;
}

export interface SubmissionTiming {
  submitted_at: number;
  on_time: boolean;
  synced_late: boolean;
  within_time_limit: boolean;
}

export class AttemptKeyMismatchError extends Error {
  constructor(field: string) {
    super(`cannot merge states with different ${field}`);
    this.name = 'AttemptKeyMismatchError';
  }
}
