import { useSyncExternalStore } from 'react';

/** A value that React components and plain modules can both read and subscribe to. */
export type ObservableValue<T> = {
  get: () => T;
  set: (next: T) => void;
  subscribe: (listener: () => void) => () => void;
};

export function createObservableValue<T>(initial: T): ObservableValue<T> {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set: (next) => {
      if (Object.is(next, current)) return;
      current = next;
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useObservableValue<T>(value: ObservableValue<T>): T {
  return useSyncExternalStore(value.subscribe, value.get, value.get);
}
