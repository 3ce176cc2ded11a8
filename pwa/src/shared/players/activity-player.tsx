import { Eye, EyeOff, RotateCcw, Undo2, Volume2 } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import {
  ACTIVITY_TYPES,
  ScoringError,
  scoreActivity,
  type ActivityType,
  type Answers,
  type BlanksAnswers,
  type FindWordsAnswers,
  type MatchesAnswers,
  type PlacementsAnswers,
  type ScoreResult,
  type SelectionAnswers,
} from '@/shared/scoring';
import { Button } from '@/shared/ui/button';

import { emptyAnswers, readAudioPath, readHeaderText, seedFromId } from './activity-config';
import { ChoicePlayer } from './choice-player';
import { DragDropPlayer } from './drag-drop-player';
import { FillPicturePlayer, FillSentencesPlayer } from './fill-players';
import { MatchWordsPlayer } from './match-words-player';
import type { ActivityPlayerProps, PlayerBodyProps } from './types';
import { useAnswersHistory } from './use-answers-history';
import { WordSearchPlayer } from './word-search-player';

function isActivityType(type: string): type is ActivityType {
  return (ACTIVITY_TYPES as readonly string[]).includes(type);
}

/** The top-level key each type's answers hold; answers of another shape are not reused. */
const ANSWERS_KEY: Record<ActivityType, string> = {
  dragdroppicture: 'placements',
  dragdroppicturegroup: 'placements',
  matchTheWords: 'matches',
  circle: 'selected',
  markwithx: 'selected',
  puzzleFindWords: 'found',
  fillSentencesWithDots: 'blanks',
  fillpicture: 'blanks',
};

function startingAnswers(type: ActivityType, initial: Answers | undefined, seed: number): Answers {
  return initial !== undefined && ANSWERS_KEY[type] in initial ? initial : emptyAnswers(type, seed);
}

function hasAnyAnswer(answers: Answers): boolean {
  if ('selected' in answers) return answers.selected.length > 0;
  if ('found' in answers) return answers.found.length > 0;
  const entries = 'placements' in answers ? answers.placements : 'matches' in answers ? answers.matches : answers.blanks;
  return Object.keys(entries).length > 0;
}

/**
 * Plays one activity of any of the eight types behind one interface: the answers go in and come out
 * in the project's answers format (sync-protocol/vectors/scoring/README.md), so auto-save and sync
 * never know a player's internals.
 */
export function ActivityPlayer(props: ActivityPlayerProps) {
  const { t } = useTranslation('players');
  if (!isActivityType(props.activity.type)) {
    return <p role="alert">{t('error.unknownType', { type: props.activity.type })}</p>;
  }
  return <KnownActivityPlayer {...props} type={props.activity.type} />;
}

function KnownActivityPlayer(props: ActivityPlayerProps & { type: ActivityType }) {
  const { activity, assetUrl, initialAnswers, onChange, readOnly, showResults, allowShowAnswers, showAnswerKey, type } = props;
  const { t } = useTranslation('players');
  const seed = initialAnswers !== undefined && 'seed' in initialAnswers ? initialAnswers.seed : (props.seed ?? seedFromId(activity.id));
  const history = useAnswersHistory(startingAnswers(type, initialAnswers, seed), onChange);
  const [announcement, setAnnouncement] = useState({ text: '', serial: 0 });
  const [answersShown, setAnswersShown] = useState(false);
  const locked = Boolean(readOnly || showResults);
  const headerText = readHeaderText(activity.config);
  const audioPath = readAudioPath(activity);
  const headingId = useId();

  // The serial makes a repeated message a new text node, so screen readers announce it again.
  const announce = (text: string) => setAnnouncement((previous) => ({ text, serial: previous.serial + 1 }));

  let results: ScoreResult | null = null;
  let resultsError = false;
  if (showResults) {
    try {
      results = scoreActivity(type, activity.config, history.answers);
    } catch (error) {
      if (!(error instanceof ScoringError)) throw error;
      resultsError = true;
    }
  }

  const body: PlayerBodyProps<Answers> = {
    config: activity.config,
    answers: history.answers,
    setAnswers: history.setAnswers,
    locked,
    announce,
    assetUrl,
    results,
    showKey: Boolean(showAnswerKey) || (Boolean(allowShowAnswers) && answersShown && results !== null),
  };

  return (
    <section aria-labelledby={headingId} data-player={type} className="flex flex-col gap-4">
      <h2 id={headingId} className="text-xl font-bold leading-snug sm:text-2xl">
        {headerText || t('header.fallback')}
      </h2>
      {audioPath !== null && (
        <div className="flex items-center gap-3 rounded-xl bg-accent p-3">
          <Volume2 aria-hidden="true" className="size-6 shrink-0 text-accent-foreground" />
          {/* The book format has no captions for its audio, and a transcript would give the listening answers away. */}
          {/* eslint-disable-next-line jsx-a11y/media-has-caption */}
          <audio controls preload="none" src={assetUrl(audioPath)} aria-label={t('audio.label')} className="w-full max-w-md">
            {t('audio.unsupported')}
          </audio>
        </div>
      )}
      {results !== null && (
        <div role="status" className="flex flex-wrap items-center gap-4 rounded-xl border-2 border-primary bg-accent p-4">
          <p className="text-2xl font-bold">{t('result.score', { score: results.score })}</p>
          <p className="text-base">{t('result.summary', { correct: results.correct, total: results.total })}</p>
          {allowShowAnswers && (
            <Button variant="outline" aria-pressed={answersShown} onClick={() => setAnswersShown((shown) => !shown)}>
              {answersShown ? <EyeOff aria-hidden="true" /> : <Eye aria-hidden="true" />}
              {answersShown ? t('result.hideAnswers') : t('result.showAnswers')}
            </Button>
          )}
        </div>
      )}
      {resultsError && <p role="alert">{t('error.cannotScore')}</p>}
      {!locked && (
        <div className="flex flex-wrap gap-2" role="toolbar" aria-label={t('toolbar.label')}>
          <Button
            variant="outline"
            disabled={!history.canUndo}
            onClick={() => {
              history.undo();
              announce(t('announce.undone'));
            }}
          >
            <Undo2 aria-hidden="true" />
            {t('toolbar.undo')}
          </Button>
          <Button
            variant="outline"
            disabled={!hasAnyAnswer(history.answers)}
            onClick={() => {
              history.reset(emptyAnswers(type, seed));
              announce(t('announce.reset'));
            }}
          >
            <RotateCcw aria-hidden="true" />
            {t('toolbar.reset')}
          </Button>
        </div>
      )}
      <div>{renderBody(type, body)}</div>
      <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="player-announcer">
        <span key={announcement.serial}>{announcement.text}</span>
      </div>
    </section>
  );
}

// The shell chose the answers' shape from the type (startingAnswers), so each narrowing below holds.
function renderBody(type: ActivityType, body: PlayerBodyProps<Answers>) {
  switch (type) {
    case 'dragdroppicture':
    case 'dragdroppicturegroup':
      return <DragDropPlayer {...(body as PlayerBodyProps<PlacementsAnswers>)} />;
    case 'matchTheWords':
      return <MatchWordsPlayer {...(body as PlayerBodyProps<MatchesAnswers>)} />;
    case 'circle':
    case 'markwithx':
      return <ChoicePlayer {...(body as PlayerBodyProps<SelectionAnswers>)} kind={type} />;
    case 'puzzleFindWords':
      return <WordSearchPlayer {...(body as PlayerBodyProps<FindWordsAnswers>)} />;
    case 'fillSentencesWithDots':
      return <FillSentencesPlayer {...(body as PlayerBodyProps<BlanksAnswers>)} />;
    case 'fillpicture':
      return <FillPicturePlayer {...(body as PlayerBodyProps<BlanksAnswers>)} />;
  }
}
