// Offline sync's pure core: hybrid logical clocks, skew correction and the attempt-state merge, the same rules
// as the server (server/dream_lms/core/clock.py, server/dream_lms/attempts/merge.py), proven by the shared
// vectors in sync-protocol/vectors/sync/.

export { ATTEMPT_ID_NAMESPACE, attemptIdFor } from './attempt-id';
export { compareHlc, correctDeviceTime, hlcReceive, hlcTick, measureSkew } from './clock';
export {
  STATUS_ORDER,
  applyIncoming,
  classifySubmission,
  compareVectors,
  joinCounters,
  mergeAttemptStates,
} from './merge';
export { AttemptKeyMismatchError } from './types';
export type {
  AnswerEntry,
  AttemptEvent,
  AttemptState,
  Counters,
  Hlc,
  Outcome,
  Status,
  SubmissionTiming,
  SubmissionTimingInput,
  VectorOrder,
} from './types';
