import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

import type { Role } from '@/shared/api/types';
import { getDb, type NotificationRow } from '@/shared/db/db';
import { cn } from '@/shared/lib/cn';
import { useSession } from '@/shared/session/session';
import { currentScheduler } from '@/shared/sync-engine/runtime';
import { markAllNotificationsRead, markNotificationRead } from '@/shared/sync-engine/notifications';
import { Button } from '@/shared/ui/button';

import { useLocalNotifications } from '../lib/local-notifications';
import { notificationTarget } from '../lib/target';

/** Sends the marks soon; offline they wait in the outbox and go with the next sync. */
function sendMarks(userId: string): void {
  if (navigator.onLine) void currentScheduler(userId)?.flush();
}

/** The user's notifications from the device, newest first; opening one marks it read and goes to what it is about. */
export function NotificationsPage() {
  const state = useSession();
  if (state.status !== 'signed-in') return null;
  return <NotificationList userId={state.me.id} role={state.me.role} />;
}

function NotificationList({ userId, role }: { userId: string; role: Role }) {
  const { t } = useTranslation('notifications');
  const navigate = useNavigate();
  const notifications = useLocalNotifications(userId);
  const ctx = { db: getDb(), userId };
  const hasUnread = notifications?.some((notification) => notification.readAt === null) ?? false;

  const open = async (notification: NotificationRow) => {
    if (await markNotificationRead(ctx, notification.id)) sendMarks(userId);
    const target = notificationTarget(notification, role);
    if (target !== null) await navigate(target);
  };

  const readAll = async () => {
    if ((await markAllNotificationsRead(ctx)) > 0) sendMarks(userId);
  };

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t('title')}</h1>
        {hasUnread && (
          <Button variant="outline" size="sm" onClick={() => void readAll()}>
            {t('markAllRead')}
          </Button>
        )}
      </div>
      {notifications === undefined ? null : notifications.length === 0 ? (
        <p className="text-muted-foreground">{t('empty')}</p>
      ) : (
        <ul className="grid gap-2" aria-label={t('title')}>
          {notifications.map((notification) => (
            <li key={notification.id}>
              <NotificationItem notification={notification} onOpen={() => void open(notification)} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function NotificationItem({ notification, onOpen }: { notification: NotificationRow; onOpen: () => void }) {
  const { t } = useTranslation('notifications');
  const unread = notification.readAt === null;
  const when = new Date(notification.createdAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <button
      type="button"
      onClick={onOpen}
      data-testid="notification"
      data-read={unread ? 'false' : 'true'}
      className={cn(
        'flex w-full items-start gap-3 rounded-lg border border-border p-3 text-left hover:bg-accent focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-ring/60',
        unread && 'bg-sky-50',
      )}
    >
      <span
        aria-hidden="true"
        className={cn('mt-1.5 size-2.5 shrink-0 rounded-full', unread ? 'bg-sky-600' : 'bg-transparent')}
      />
      <span className="grid min-w-0 flex-1 gap-0.5">
        <span className={cn('break-words', unread ? 'font-semibold' : 'font-medium')}>
          {unread && <span className="sr-only">{t('unread')} </span>}
          {notification.title}
        </span>
        {notification.body && <span className="line-clamp-2 text-sm text-muted-foreground">{notification.body}</span>}
        <time dateTime={notification.createdAt} className="text-xs text-muted-foreground">
          {when}
        </time>
      </span>
    </button>
  );
}
