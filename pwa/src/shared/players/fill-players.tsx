import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import { Input } from '@/shared/ui/input';
import { cn } from '@/shared/lib/cn';
import type { BlanksAnswers } from '@/shared/scoring';

import { readSectionPath, readSentences, readWords, readZones } from './activity-config';
import { PictureFrame } from './picture-frame';
import { ResultMark, itemCorrectness } from './result-mark';
import type { PlayerBodyProps } from './types';

/** Typed texts are at most 200 characters in the answers format. */
const MAX_TYPED_LENGTH = 200;

function withBlank(answers: BlanksAnswers, index: number, text: string): BlanksAnswers {
  const key = String(index);
  if (text === '') {
    const { [key]: _removed, ...rest } = answers.blanks;
    return { blanks: rest };
  }
  return { blanks: { ...answers.blanks, [key]: text } };
}

/** fillSentencesWithDots: type the missing word of each sentence. */
export function FillSentencesPlayer(props: PlayerBodyProps<BlanksAnswers>) {
  const { config, answers, setAnswers, locked, results, showKey } = props;
  const { t } = useTranslation('players');
  const idPrefix = useId();
  const sentences = readSentences(config);
  const hints = readWords(config);
  const marks = itemCorrectness(results);
  return (
    <div className="flex flex-col gap-4">
      {hints.length > 0 && (
        <div className="rounded-xl bg-muted p-3">
          <h3 className="mb-1 text-sm font-semibold">{t('fill.hints')}</h3>
          <ul className="flex flex-wrap gap-2">
            {hints.map((word, index) => (
              <li key={index} className="rounded-lg border border-border bg-background px-3 py-1 text-base">
                {word}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ol className="flex flex-col gap-3">
        {sentences.map((item) => {
          const id = `${idPrefix}-${item.index}`;
          const mark = marks?.get(item.index);
          return (
            <li key={item.index} className="flex flex-wrap items-center gap-2 text-lg">
              <span className="text-sm font-bold text-muted-foreground" aria-hidden="true">
                {item.index + 1}.
              </span>
              <label htmlFor={id}>
                <span className="sr-only">{t('fill.blankLabel', { n: item.index + 1 })}: </span>
                {item.sentence}
                <span className="sr-only"> … {item.sentenceAfter}</span>
              </label>
              <Input
                id={id}
                className="w-40 text-lg"
                value={answers.blanks[String(item.index)] ?? ''}
                maxLength={MAX_TYPED_LENGTH}
                readOnly={locked}
                autoComplete="off"
                autoCapitalize="off"
                spellCheck={false}
                onChange={(event) =>
                  setAnswers(withBlank(answers, item.index, event.target.value), { coalesceKey: `blank-${item.index}` })
                }
              />
              <span aria-hidden="true">{item.sentenceAfter}</span>
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
    </div>
  );
}

/** fillpicture: type the text of each zone, in inputs drawn over the zones of the picture. */
export function FillPicturePlayer(props: PlayerBodyProps<BlanksAnswers>) {
  const { config, answers, setAnswers, locked, assetUrl, results, showKey } = props;
  const { t } = useTranslation('players');
  const zones = readZones(config);
  const sectionPath = readSectionPath(config);
  const marks = itemCorrectness(results);
  return (
    <PictureFrame src={sectionPath === null ? null : assetUrl(sectionPath)} alt={t('picture.alt')} zones={zones}>
      {(zone, style) => {
        const mark = marks?.get(zone.index);
        return (
          <div key={zone.index} style={style}>
            <input
              aria-label={t('fill.zoneLabel', { n: zone.label ?? zone.index + 1 })}
              className={cn(
                'size-full min-h-6 rounded-md border-2 border-primary bg-background/90 px-1 text-sm font-semibold outline-none focus-visible:ring-4 focus-visible:ring-ring/70 sm:text-base',
              )}
              value={answers.blanks[String(zone.index)] ?? ''}
              maxLength={MAX_TYPED_LENGTH}
              readOnly={locked}
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              onChange={(event) =>
                setAnswers(withBlank(answers, zone.index, event.target.value), { coalesceKey: `blank-${zone.index}` })
              }
            />
            {mark !== undefined && <ResultMark correct={mark} className="absolute -top-3 -right-3" />}
            {showKey && (
              <span className="absolute top-full left-0 z-10 rounded bg-green-800 px-1 text-xs font-semibold text-white">
                {t('key.answer', { answer: zone.text ?? '' })}
              </span>
            )}
          </div>
        );
      }}
    </PictureFrame>
  );
}
