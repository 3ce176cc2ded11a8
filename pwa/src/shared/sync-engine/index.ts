// Offline-first sync on the device: local-first writes (local-store), the background engine (engine, runtime)
// and offline assets (assets-store). The pure merge rules live in shared/sync.
export * from './assets-store';
export * from './offline-books';
export * from './engine';
export * from './local-store';
export * from './notifications';
export * from './op-shape';
export * from './not-synced';
export * from './runtime';
export * from './transport';
export type * from './types';
