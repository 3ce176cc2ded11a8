// Activity scoring and the word-search grid: pure functions, the same rules as the server
// (server/dream_lms/scoring), proven by the shared vectors in sync-protocol/vectors/.

export { scoreActivity, roundHalfUpPercent } from './score';
export { answerCounts, answersDeadlineMs, attemptScore, countedAttempt, countedScore, roundHalfUp } from './counted';
export type { CountableAttempt } from './counted';
export { typedAnswerKey } from './text';
export {
  ACTIVITY_TYPES,
  ActivityConfigInvalidError,
  AnswersInvalidError,
  ScoringError,
  WordsNotPlacedError,
} from './types';
export type {
  ActivityType,
  Answers,
  BlanksAnswers,
  FindWordsAnswers,
  FoundRun,
  GridCell,
  ItemResult,
  MatchesAnswers,
  PlacementsAnswers,
  ScoreResult,
  SelectionAnswers,
} from './types';
export { GRID_SIZE, foundWords, generateGrid, layoutGrid, normalizeWord } from './wordsearch';
export type { Direction, GridLayout, Run, WordPlacement } from './wordsearch';
