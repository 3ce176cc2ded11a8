import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { activityOpen } from '@/shared/lib/activity-store';

import { offlineReady, reloadWhenNoActivityOpen, updateWaiting } from '../lib/service-worker';
import { UpdatePrompt } from './update-prompt';

afterEach(() => {
  activityOpen.set(false);
  updateWaiting.set(false);
  offlineReady.set(false);
});

describe('update prompt', () => {
  it('offers the new version when no activity is open', () => {
    updateWaiting.set(true);
    render(<UpdatePrompt />);

    expect(screen.getByRole('status')).toHaveTextContent('A new version of Dream LMS is ready.');
    expect(screen.getByRole('button', { name: 'Update now' })).toBeInTheDocument();
  });

  it('only announces the update while an activity is open, and offers it when the activity closes', () => {
    activityOpen.set(true);
    updateWaiting.set(true);
    render(<UpdatePrompt />);

    expect(screen.queryByRole('button', { name: 'Update now' })).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('when you finish this activity');

    act(() => activityOpen.set(false));
    expect(screen.getByRole('button', { name: 'Update now' })).toBeInTheDocument();
  });

  it('says when the app is ready to work offline', () => {
    offlineReady.set(true);
    render(<UpdatePrompt />);

    expect(screen.getByRole('status')).toHaveTextContent('ready to work offline');
  });
});

describe('reloading into a new version', () => {
  it('waits until the open activity is closed', () => {
    const reload = vi.fn();
    activityOpen.set(true);

    reloadWhenNoActivityOpen(reload);
    expect(reload).not.toHaveBeenCalled();

    activityOpen.set(false);
    expect(reload).toHaveBeenCalledTimes(1);
    activityOpen.set(true);
    activityOpen.set(false);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('reloads at once when no activity is open', () => {
    const reload = vi.fn();
    reloadWhenNoActivityOpen(reload);
    expect(reload).toHaveBeenCalledTimes(1);
  });
});
