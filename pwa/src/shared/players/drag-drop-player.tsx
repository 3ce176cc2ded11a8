import { useTranslation } from 'react-i18next';

import { cn } from '@/shared/lib/cn';
import type { PlacementsAnswers } from '@/shared/scoring';

import { readSectionPath, readWords, readZones, type Zone } from './activity-config';
import { PictureFrame } from './picture-frame';
import { ResultMark, itemCorrectness } from './result-mark';
import type { PlayerBodyProps } from './types';
import { useWordPlacement } from './use-word-placement';
import { DragGhostView, WordPool } from './word-pool';

function expectedText(zone: Zone): string {
  return zone.group.length > 0 ? zone.group.join(' / ') : (zone.text ?? '');
}

/** dragdroppicture and dragdroppicturegroup: words from the pool onto zones of the picture. */
export function DragDropPlayer(props: PlayerBodyProps<PlacementsAnswers>) {
  const { config, answers, setAnswers, locked, announce, assetUrl, results, showKey } = props;
  const { t } = useTranslation('players');
  const zones = readZones(config);
  const sectionPath = readSectionPath(config);
  const marks = itemCorrectness(results);
  const describeTarget = (target: number) => t('zone.name', { n: target + 1 });
  const placement = useWordPlacement({
    placements: answers.placements,
    locked,
    announce,
    describeTarget,
    onPlace: (target, word) => setAnswers({ placements: { ...answers.placements, [String(target)]: word } }),
    onClear: (target) => {
      const { [String(target)]: _removed, ...rest } = answers.placements;
      setAnswers({ placements: rest });
    },
  });

  return (
    <div className="flex flex-col gap-4">
      {!locked && <WordPool words={readWords(config)} placement={placement} />}
      <PictureFrame
        src={sectionPath === null ? null : assetUrl(sectionPath)}
        alt={t('picture.alt')}
        zones={zones}
      >
        {(zone, style) => {
          const index = zone.index;
          const word = answers.placements[String(index)];
          const mark = marks?.get(index);
          const { ref, ...targetProps } = placement.targetProps(index);
          return (
            <div key={index} style={style} className="flex min-h-6 min-w-6 items-center">
              <button
                ref={ref}
                type="button"
                aria-label={t('zone.label', { n: index + 1, content: word ?? t('zone.empty') })}
                className={cn(
                  'size-full min-h-6 rounded-md border-2 border-dashed border-primary bg-background/85 px-1 text-sm font-semibold leading-tight outline-none focus-visible:ring-4 focus-visible:ring-ring/70 data-[drop-hover=true]:border-solid data-[drop-hover=true]:bg-accent sm:text-base',
                  word !== undefined && 'border-solid bg-background',
                  placement.picked !== null && 'motion-safe:animate-pulse',
                )}
                {...targetProps}
              >
                {word ?? ''}
              </button>
              {mark !== undefined && <ResultMark correct={mark} className="absolute -top-3 -right-3" />}
              {showKey && (
                <span className="absolute top-full left-0 z-10 rounded bg-green-800 px-1 text-xs font-semibold text-white">
                  {t('key.answer', { answer: expectedText(zone) })}
                </span>
              )}
            </div>
          );
        }}
      </PictureFrame>
      <DragGhostView ghost={placement.ghost} />
    </div>
  );
}
