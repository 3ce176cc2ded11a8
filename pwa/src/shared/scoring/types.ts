// Types and errors of the scorer; mirrors server/dream_lms/scoring (rules in sync-protocol/vectors/scoring/README.md).

export const ACTIVITY_TYPES = [
  'dragdroppicture',
  'dragdroppicturegroup',
  'matchTheWords',
  'circle',
  'markwithx',
  'puzzleFindWords',
  'fillSentencesWithDots',
  'fillpicture',
] as const;

export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** Cell of the word-search grid: [row, column], 0-based. */
export type GridCell = [number, number];

export interface FoundRun {
  start: GridCell;
  end: GridCell;
}

/** The answers format (sync-protocol/schemas/answers.schema.json); keys are item indexes as strings. */
export interface PlacementsAnswers {
  placements: Record<string, string>;
}
export interface MatchesAnswers {
  matches: Record<string, string>;
}
export interface SelectionAnswers {
  selected: number[];
}
export interface FindWordsAnswers {
  seed: number;
  found: FoundRun[];
}
export interface BlanksAnswers {
  blanks: Record<string, string>;
}
export type Answers = PlacementsAnswers | MatchesAnswers | SelectionAnswers | FindWordsAnswers | BlanksAnswers;

export interface ItemResult {
  /** Zone, sentence, question, option or word index, depending on the activity type. */
  index: number;
  correct: boolean;
}

export interface ScoreResult {
  /** 0..100: round half up of 100 * correct / total. */
  score: number;
  items: ItemResult[];
  /** Points earned: correct items, or for free multi-select max(0, right - wrong picks). */
  correct: number;
  /** Points possible. */
  total: number;
}

export type JsonObject = { readonly [key: string]: unknown };

/** Base of the scorer's errors; `code` is shared with the Python scorer, `field` is a JSON pointer. */
export class ScoringError extends Error {
  readonly code: string;
  readonly field: string;

  constructor(code: string, message: string, field = '') {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.field = field;
  }
}

/** The answers do not fit the answers format or point outside the activity: rejected, never scored. */
export class AnswersInvalidError extends ScoringError {}

/** The activity (from the book's config.json) cannot be scored. */
export class ActivityConfigInvalidError extends ScoringError {}

/** Some word-search words fit nowhere in the grid. */
export class WordsNotPlacedError extends ActivityConfigInvalidError {
  readonly words: string[];

  constructor(words: string[]) {
    super('words_not_placeable', `words that fit nowhere in the grid: ${words.join(', ')}`, '/words');
    this.words = words;
  }
}

/** A JSON pointer (RFC 6901) to the given path. */
export function pointer(...parts: (string | number)[]): string {
  return parts.map((part) => '/' + String(part).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An integral JSON number (2.0 is 2, as JSON cannot tell them apart), never a boolean. */
export function jsonInt(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}
