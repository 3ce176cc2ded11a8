// Hybrid logical clocks and device clock skew: the rules of sync-protocol/PROTOCOL.md, the same as the server's
// (server/dream_lms/core/clock.py). Times are integers of milliseconds since the Unix epoch.
import type { Hlc } from './types';

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** -1, 0 or 1 as `a` is before, the same as, or after `b`; device ids are lower-case UUIDs compared as text. */
export function compareHlc(a: Hlc, b: Hlc): number {
  if (a.wall !== b.wall) return a.wall < b.wall ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  return compareText(a.device, b.device);
}

/** The stamp of a new local event: later than every stamp this device has made or seen. */
export function hlcTick(local: Hlc, nowMs: number): Hlc {
  const wall = Math.max(local.wall, nowMs);
  return { wall, counter: wall === local.wall ? local.counter + 1 : 0, device: local.device };
}

/** The local clock after adopting state stamped `remote` (pulled or merged): later than both. */
export function hlcReceive(local: Hlc, remote: Hlc, nowMs: number): Hlc {
  const wall = Math.max(local.wall, remote.wall, nowMs);
  let counter = 0;
  if (wall === local.wall && wall === remote.wall) counter = Math.max(local.counter, remote.counter) + 1;
  else if (wall === local.wall) counter = local.counter + 1;
  else if (wall === remote.wall) counter = remote.counter + 1;
  return { wall, counter, device: local.device };
}

/** Device clock minus server clock, measured when a push arrives (network delay counts against the device). */
export function measureSkew(clientTimeMs: number, serverReceivedMs: number): number {
  return clientTimeMs - serverReceivedMs;
}

/** A time the device claims, on the server's clock; never later than the server got it. */
export function correctDeviceTime(deviceTimeMs: number, skewMs: number, serverReceivedMs: number): number {
  return Math.min(deviceTimeMs - skewMs, serverReceivedMs);
}
