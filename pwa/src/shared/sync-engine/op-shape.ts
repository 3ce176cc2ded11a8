// Which op kind needs which attempt state: the server refuses any other op before looking anything up
// (server: dream_lms.attempts.service._check_shape; both run sync-protocol/vectors/sync/op_kinds.json).
import type { SyncOp } from './types';

export interface OpShapeError {
  code: 'invalid_op' | 'kind_mismatch';
  reason: string;
}

/** Why the server would refuse this op's shape, or null when it is accepted. */
export function opShapeError(op: SyncOp): OpShapeError | null {
  const { started, submitted, status } = op.attempt;
  const invalid = (reason: string): OpShapeError => ({ code: 'invalid_op', reason });
  const mismatch = (reason: string): OpShapeError => ({ code: 'kind_mismatch', reason });
  if ((status === 'submitted') !== (submitted !== null)) return invalid("status: 'submitted' exactly when submitted is set");
  if (status === 'in_progress' && started === null) return invalid("status: 'in_progress' needs started");
  if (status === 'not_started' && started !== null) return invalid("status: a started attempt is 'in_progress' or 'submitted'");
  if (submitted === null && Object.keys(op.attempt.answers_not_submitted).length > 0) {
    return invalid('answers_not_submitted: only in submitted attempts');
  }
  if (op.kind === 'start_attempt' && (status !== 'in_progress' || started === null || submitted !== null)) {
    return mismatch('start_attempt needs an in-progress state with started set');
  }
  if (op.kind === 'save_progress' && submitted !== null) return mismatch('save_progress needs a state that is not submitted');
  if (op.kind === 'submit_attempt' && (status !== 'submitted' || submitted === null)) {
    return mismatch('submit_attempt needs a submitted state');
  }
  if (op.client_score !== undefined && op.client_score !== null && op.kind !== 'submit_attempt') {
    return invalid('client_score: only on submit_attempt');
  }
  return null;
}
