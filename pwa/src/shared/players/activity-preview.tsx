import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/shared/ui/button';

import { ActivityPlayer } from './activity-player';
import type { ActivityPlayerProps, AssetUrl, PlayerActivity } from './types';

interface ActivityPreviewProps {
  activity: PlayerActivity;
  assetUrl: AssetUrl;
  initialAnswers?: ActivityPlayerProps['initialAnswers'];
  onChange?: ActivityPlayerProps['onChange'];
}

/** A teacher's preview of an activity: playable, with the answer key shown on demand. */
export function ActivityPreview({ activity, assetUrl, initialAnswers, onChange }: ActivityPreviewProps) {
  const { t } = useTranslation('players');
  const [keyShown, setKeyShown] = useState(false);
  return (
    <div className="flex flex-col gap-4">
      <Button variant="outline" className="self-start" aria-pressed={keyShown} onClick={() => setKeyShown((shown) => !shown)}>
        <KeyRound aria-hidden="true" />
        {keyShown ? t('preview.hideKey') : t('preview.showKey')}
      </Button>
      <ActivityPlayer
        activity={activity}
        assetUrl={assetUrl}
        initialAnswers={initialAnswers}
        onChange={onChange}
        showAnswerKey={keyShown}
      />
    </div>
  );
}
