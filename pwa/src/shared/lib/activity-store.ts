import { createObservableValue, useObservableValue } from './observable-value';

/**
 * True while a student has an activity open. The app update prompt waits while it is set, so a new
 * version never reloads the page under a student's feet. Activity screens set it on mount and clear it
 * on unmount (see `useActivityOpenWhileMounted`).
 */
export const activityOpen = createObservableValue(false);

export function useActivityOpen(): boolean {
  return useObservableValue(activityOpen);
}
