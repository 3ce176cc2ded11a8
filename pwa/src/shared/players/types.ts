import type { ActivityType, Answers, ScoreResult } from '@/shared/scoring';

/** One activity of a book: the `activity` object of a section (see shared/book-format.md). */
export interface PlayerActivity {
  id: string;
  type: ActivityType | string;
  config: Record<string, unknown>;
  /** Audio of the enclosing section (`audio_path`); `config.audio_extra.path` is used when absent. */
  audioPath?: string | null;
}

/** Maps a config path (`./books/<BOOK>/...`) to a URL the browser can load (later a blob URL). */
export type AssetUrl = (path: string) => string;

export interface ActivityPlayerProps {
  activity: PlayerActivity;
  assetUrl: AssetUrl;
  initialAnswers?: Answers;
  /** Fires on every change with the answers in the project's answers format. */
  onChange?: (answers: Answers) => void;
  readOnly?: boolean;
  /** Show the score and mark each item right or wrong (implies read-only). */
  showResults?: boolean;
  /** With showResults: offer a "show answers" toggle (the teacher allows it). */
  allowShowAnswers?: boolean;
  /** Show the answer key over the exercise (teacher preview). */
  showAnswerKey?: boolean;
  /** Word-search seed when initialAnswers holds none; defaults to a hash of the activity id. */
  seed?: number;
}

export interface SetAnswersOptions {
  /** Consecutive changes with the same key replace each other in the undo history (typing). */
  coalesceKey?: string;
}

/** What the shell gives each type's player. */
export interface PlayerBodyProps<A extends Answers> {
  config: Record<string, unknown>;
  answers: A;
  setAnswers: (next: A, options?: SetAnswersOptions) => void;
  locked: boolean;
  announce: (message: string) => void;
  assetUrl: AssetUrl;
  /** Scored items when results are shown, else null. */
  results: ScoreResult | null;
  showKey: boolean;
}
