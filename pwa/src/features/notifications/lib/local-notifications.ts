// The signed-in user's notifications on the device (live: they update as sync writes and as marks are made).
import { getDb, type NotificationRow } from '@/shared/db/db';
import { useLive } from '@/shared/hooks/use-live';
import { countUnread, listNotifications } from '@/shared/sync-engine/notifications';

export function useLocalNotifications(userId: string): NotificationRow[] | undefined {
  return useLive(() => listNotifications(getDb(), userId), [userId]);
}

export function useUnreadCount(userId: string): number {
  return useLive(() => countUnread(getDb(), userId), [userId]) ?? 0;
}
