import { Link, useParams } from '@tanstack/react-router';
import { ArrowLeft, CheckCheck, CircleAlert, CircleCheck, Pencil } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ActivityPlayer, ActivityPreview, emptyAnswers, seedFromId, type PlayerActivity } from '@/shared/players';
import { useCheckActivity } from '@/features/preview/api/check-activity';
import { useActivity, type ActivityDetail } from '@/features/preview/api/get-activity';
import { assetUrlFromMap } from '@/features/preview/lib/asset-url';
import { useActivityOpenWhileMounted } from '@/shared/hooks/use-activity-open-while-mounted';
import { ACTIVITY_TYPES, ScoringError, scoreActivity, type ActivityType, type Answers, type ScoreResult } from '@/shared/scoring';
import { Alert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/shared/ui/card';

import { LoadError, Loading } from './load-error';
import { useTypeName } from './type-name';

function isActivityType(type: string): type is ActivityType {
  return (ACTIVITY_TYPES as readonly string[]).includes(type);
}

function playerActivity(detail: ActivityDetail): PlayerActivity {
  const audio = detail.config.audio_path;
  return {
    id: detail.id,
    type: detail.activity_type,
    config: detail.config,
    audioPath: typeof audio === 'string' ? audio : null,
  };
}

function browserScore(type: ActivityType, config: Record<string, unknown>, answers: Answers): ScoreResult | null {
  try {
    return scoreActivity(type, config, answers);
  } catch (error) {
    if (error instanceof ScoringError) return null;
    throw error;
  }
}

/** A teacher's (publisher's, admin's) preview of one activity: play it, show the key, check the answers. */
export function PreviewActivityPage() {
  const { activityId = '' } = useParams({ strict: false });
  const { t } = useTranslation('preview');
  const typeName = useTypeName();
  const activity = useActivity(activityId);
  useActivityOpenWhileMounted();
  return (
    <div className="grid gap-6">
      {activity.data && (
        <Link
          to="/preview/books/$bookId"
          params={{ bookId: activity.data.book_id }}
          className="inline-flex min-h-11 items-center gap-2 justify-self-start text-sm font-medium underline-offset-4 hover:underline"
        >
          <ArrowLeft aria-hidden="true" className="size-4" />
          {t('activity.backToBook')}
        </Link>
      )}
      <div className="grid gap-1">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{activity.data?.title ?? t('activity.title')}</h1>
        {activity.data && (
          <p className="text-muted-foreground">
            {t('activity.meta', {
              module: activity.data.module_name,
              page: activity.data.page_number,
              type: typeName(activity.data.activity_type),
            })}
          </p>
        )}
      </div>
      {activity.isPending && <Loading />}
      {activity.isError && <LoadError error={activity.error} onRetry={() => void activity.refetch()} />}
      {/* Keyed on the content, so a re-synced activity starts over. */}
      {activity.data && <PreviewAndCheck key={`${activity.data.id}:${activity.data.content_hash}`} detail={activity.data} />}
    </div>
  );
}

function PreviewAndCheck({ detail }: { detail: ActivityDetail }) {
  const { t } = useTranslation('preview');
  const activity = useMemo(() => playerActivity(detail), [detail]);
  const assetUrl = useMemo(() => assetUrlFromMap(detail.assets), [detail.assets]);
  const type = isActivityType(detail.activity_type) ? detail.activity_type : null;
  const [answers, setAnswers] = useState<Answers | null>(() =>
    type === null ? null : emptyAnswers(type, seedFromId(detail.id)),
  );
  // Set while the results are shown; each check remounts the editor afterwards with the answers kept.
  const [checked, setChecked] = useState<{ answers: Answers; round: number } | null>(null);
  const [round, setRound] = useState(0);
  const check = useCheckActivity(detail.id);

  const runCheck = (toCheck: Answers) => {
    setChecked({ answers: toCheck, round });
    check.mutate(toCheck);
  };

  if (checked === null || type === null) {
    return (
      <div className="grid gap-4">
        <ActivityPreview
          key={round}
          activity={activity}
          assetUrl={assetUrl}
          initialAnswers={answers ?? undefined}
          onChange={setAnswers}
        />
        {answers !== null && (
          <Button className="justify-self-start" onClick={() => runCheck(answers)}>
            <CheckCheck aria-hidden="true" />
            {t('activity.check')}
          </Button>
        )}
      </div>
    );
  }

  const local = browserScore(type, detail.config, checked.answers);
  return (
    <div className="grid gap-4">
      <Button
        variant="outline"
        className="justify-self-start"
        onClick={() => {
          check.reset();
          setChecked(null);
          setRound((value) => value + 1);
        }}
      >
        <Pencil aria-hidden="true" />
        {t('activity.edit')}
      </Button>
      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <Card data-testid="browser-results">
          <CardHeader>
            <CardTitle>{t('activity.browserTitle')}</CardTitle>
          </CardHeader>
          <CardContent>
            <ActivityPlayer
              key={checked.round}
              activity={activity}
              assetUrl={assetUrl}
              initialAnswers={checked.answers}
              showResults
              allowShowAnswers
            />
          </CardContent>
        </Card>
        <Card data-testid="server-results" aria-busy={check.isPending}>
          <CardHeader>
            <CardTitle>{t('activity.serverTitle')}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-3">
            {check.isPending && <p role="status">{t('activity.checking')}</p>}
            {check.isError && (
              <Alert variant="destructive" className="grid gap-2">
                <span>{t('activity.serverError', { message: check.error.message })}</span>
                <Button variant="outline" className="justify-self-start" onClick={() => runCheck(checked.answers)}>
                  {t('activity.retry')}
                </Button>
              </Alert>
            )}
            {check.data && (
              <div role="status" className="grid gap-2">
                <p className="text-2xl font-bold" data-testid="server-score" data-score={check.data.score}>
                  {t('activity.serverScore', { score: check.data.score })}
                </p>
                <p>{t('activity.serverSummary', { correct: check.data.correct, total: check.data.total })}</p>
                {local !== null && local.score === check.data.score && local.correct === check.data.correct ? (
                  <p className="flex items-center gap-2 font-medium text-green-800" data-testid="scores-agree">
                    <CircleCheck aria-hidden="true" className="size-5 shrink-0" />
                    {t('activity.agree')}
                  </p>
                ) : (
                  <p className="flex items-center gap-2 font-medium text-destructive" data-testid="scores-differ">
                    <CircleAlert aria-hidden="true" className="size-5 shrink-0" />
                    {t('activity.disagree', { browser: local?.score ?? '–' })}
                  </p>
                )}
              </div>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
