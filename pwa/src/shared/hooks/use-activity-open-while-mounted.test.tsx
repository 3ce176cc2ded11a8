import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { activityOpen } from '@/shared/lib/activity-store';

import { useActivityOpenWhileMounted } from './use-activity-open-while-mounted';

function ActivityScreen() {
  useActivityOpenWhileMounted();
  return <p>activity</p>;
}

describe('useActivityOpenWhileMounted', () => {
  it('sets the activityOpen flag while the activity screen is mounted', () => {
    expect(activityOpen.get()).toBe(false);

    const { unmount } = render(<ActivityScreen />);
    expect(activityOpen.get()).toBe(true);

    unmount();
    expect(activityOpen.get()).toBe(false);
  });
});
