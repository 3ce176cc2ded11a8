import { useTranslation } from 'react-i18next';

import { cn } from '@/shared/lib/cn';
import type { MatchesAnswers } from '@/shared/scoring';

import { readMatchWords, readSentences } from './activity-config';
import { ResultMark, itemCorrectness } from './result-mark';
import type { PlayerBodyProps } from './types';
import { useWordPlacement } from './use-word-placement';
import { DragGhostView, WordPool } from './word-pool';

/** matchTheWords: connect each word of the pool to the sentence (or picture) it belongs to. */
export function MatchWordsPlayer(props: PlayerBodyProps<MatchesAnswers>) {
  const { config, answers, setAnswers, locked, announce, assetUrl, results, showKey } = props;
  const { t } = useTranslation('players');
  const sentences = readSentences(config);
  const marks = itemCorrectness(results);
  const placement = useWordPlacement({
    placements: answers.matches,
    locked,
    announce,
    describeTarget: (target) => t('sentence.name', { n: target + 1 }),
    onPlace: (target, word) => setAnswers({ matches: { ...answers.matches, [String(target)]: word } }),
    onClear: (target) => {
      const { [String(target)]: _removed, ...rest } = answers.matches;
      setAnswers({ matches: rest });
    },
  });

  return (
    <div className="flex flex-col gap-4">
      {!locked && <WordPool words={readMatchWords(config)} placement={placement} />}
      <ol className="flex flex-col gap-3">
        {sentences.map((item) => {
          const word = answers.matches[String(item.index)];
          const mark = marks?.get(item.index);
          const { ref, ...targetProps } = placement.targetProps(item.index);
          return (
            <li key={item.index} className="flex flex-wrap items-center gap-3 rounded-xl border border-border p-3">
              <span className="text-sm font-bold text-muted-foreground" aria-hidden="true">
                {item.index + 1}
              </span>
              {item.imagePath !== null && (
                <img src={assetUrl(item.imagePath)} alt={item.sentence} className="size-20 rounded-lg object-contain" />
              )}
              <span className="min-w-0 flex-1 text-base">{item.sentence}</span>
              <button
                ref={ref}
                type="button"
                aria-label={t('sentence.label', { n: item.index + 1, sentence: item.sentence, content: word ?? t('zone.empty') })}
                className={cn(
                  'min-h-11 min-w-28 rounded-xl border-2 border-dashed border-primary px-3 text-base font-semibold outline-none focus-visible:ring-4 focus-visible:ring-ring/70 data-[drop-hover=true]:border-solid data-[drop-hover=true]:bg-accent',
                  word !== undefined && 'border-solid',
                )}
                {...targetProps}
              >
                {word ?? t('sentence.dropHere')}
              </button>
              {mark !== undefined && <ResultMark correct={mark} />}
              {showKey && (
                <span className="rounded bg-green-800 px-2 text-sm font-semibold text-white">
                  {t('key.answer', { answer: item.word })}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <DragGhostView ghost={placement.ghost} />
    </div>
  );
}
