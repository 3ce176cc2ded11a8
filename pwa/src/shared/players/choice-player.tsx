import { Check, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { cn } from '@/shared/lib/cn';
import type { SelectionAnswers } from '@/shared/scoring';

import { FREE_MULTI_SELECT, questionOf, readChoiceCount, readSectionPath, readZones, type Zone } from './activity-config';
import { PictureFrame } from './picture-frame';
import { ResultMark, itemCorrectness } from './result-mark';
import type { PlayerBodyProps } from './types';

/** The selection after tapping an option: toggles it, and in a question replaces the other picks. */
export function toggleOption(selected: number[], option: number, count: number): number[] {
  if (selected.includes(option)) return selected.filter((other) => other !== option);
  const question = questionOf(option, count);
  const kept = question === null ? selected : selected.filter((other) => questionOf(other, count) !== question);
  return [...kept, option].sort((a, b) => a - b);
}

/** Where a result item is drawn: grouped items are questions (on the pick, else the first option). */
function markedOptions(zones: Zone[], selected: number[], count: number, marks: Map<number, boolean>): Map<number, boolean> {
  if (count === FREE_MULTI_SELECT) {
    return new Map(
      zones.filter((zone) => zone.isCorrect || selected.includes(zone.index)).map((zone) => [zone.index, marks.get(zone.index) ?? false]),
    );
  }
  const drawn = new Map<number, boolean>();
  for (const [question, correct] of marks) {
    const pick = selected.find((option) => questionOf(option, count) === question);
    drawn.set(pick ?? question * count, correct);
  }
  return drawn;
}

/** circle and markwithx: pick one option per question (or any options with count -1). */
export function ChoicePlayer(props: PlayerBodyProps<SelectionAnswers> & { kind: 'circle' | 'markwithx' }) {
  const { config, answers, setAnswers, locked, announce, assetUrl, results, showKey, kind } = props;
  const { t } = useTranslation('players');
  const zones = readZones(config);
  const count = readChoiceCount(config, kind);
  const sectionPath = readSectionPath(config);
  const marks = itemCorrectness(results);
  const drawnMarks = marks === null ? null : markedOptions(zones, answers.selected, count, marks);

  const optionName = (option: number): string => {
    const question = questionOf(option, count);
    return question === null
      ? t('choice.option', { n: option + 1 })
      : t('choice.questionOption', { question: question + 1, n: (option % count) + 1 });
  };

  const choose = (option: number) => {
    const next = toggleOption(answers.selected, option, count);
    setAnswers({ selected: next });
    const verb = next.includes(option) ? (kind === 'circle' ? 'circled' : 'marked') : 'cleared';
    announce(t(`announce.${verb}`, { option: optionName(option) }));
  };

  return (
    <PictureFrame src={sectionPath === null ? null : assetUrl(sectionPath)} alt={t('picture.alt')} zones={zones}>
      {(zone, style) => {
        const chosen = answers.selected.includes(zone.index);
        const mark = drawnMarks?.get(zone.index);
        return (
          <div key={zone.index} style={style}>
            <button
              type="button"
              aria-pressed={chosen}
              aria-label={optionName(zone.index)}
              disabled={locked}
              data-nav-group="options"
              onClick={() => choose(zone.index)}
              className={cn(
                'relative flex size-full min-h-6 min-w-6 items-center justify-center border-2 border-transparent outline-none hover:border-primary/40 focus-visible:ring-4 focus-visible:ring-ring/70 disabled:cursor-default',
                kind === 'circle' ? 'rounded-full' : 'rounded-md',
                chosen && kind === 'circle' && 'border-4 border-primary',
                showKey && zone.isCorrect && 'outline-3 outline-offset-2 outline-green-700 outline-dashed',
              )}
            >
              {chosen && kind === 'markwithx' && <X aria-hidden="true" className="size-3/4 text-primary" strokeWidth={4} />}
              {showKey && zone.isCorrect && (
                <span className="absolute -bottom-3 left-0 inline-flex items-center rounded bg-green-800 text-white">
                  <Check aria-hidden="true" className="size-4" />
                  <span className="sr-only">{t('key.correctOption')}</span>
                </span>
              )}
            </button>
            {mark !== undefined && <ResultMark correct={mark} className="absolute -top-3 -right-3" />}
          </div>
        );
      }}
    </PictureFrame>
  );
}
