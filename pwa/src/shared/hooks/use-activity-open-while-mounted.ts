import { useEffect } from 'react';

import { activityOpen } from '@/shared/lib/activity-store';

/** Marks an activity as open for as long as the calling component is mounted. */
export function useActivityOpenWhileMounted(): void {
  useEffect(() => {
    activityOpen.set(true);
    return () => activityOpen.set(false);
  }, []);
}
