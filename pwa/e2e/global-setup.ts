// Starts the whole system (`dream-lms up --profile e2e`: embedded PostgreSQL/Redis/S3, migrations, demo
// data, worker, API serving pwa/dist) once for the browser tests, and stops it with SIGINT afterwards.
// Set E2E_BASE_URL to test a system that is already running instead.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { TestProject } from 'vitest/node';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const distIndex = fileURLToPath(new URL('../dist/index.html', import.meta.url));
const cli = process.env.DREAM_LMS_CLI ?? `${repoRoot}.venv/bin/dream-lms`;
const PORT = 8766;
const START_TIMEOUT_MS = 240_000;
const STOP_TIMEOUT_MS = 60_000;

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

async function isHealthy(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/api/v1/health`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function waitUntilHealthy(baseUrl: string, server: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`dream-lms up exited (${server.exitCode ?? server.signalCode}) before it was up:\n${output()}`);
    }
    if (await isHealthy(baseUrl)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`dream-lms up did not answer at ${baseUrl} within ${START_TIMEOUT_MS / 1000} s:\n${output()}`);
}

function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const forceKill = setTimeout(() => server.kill('SIGKILL'), STOP_TIMEOUT_MS);
    server.once('exit', () => {
      clearTimeout(forceKill);
      resolve();
    });
    server.kill('SIGINT');
  });
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env.E2E_BASE_URL;
  if (external) {
    project.provide('baseUrl', external.replace(/\/$/, ''));
    return undefined;
  }
  if (!existsSync(distIndex)) throw new Error('pwa/dist is missing: run `npm run build` first.');
  if (!existsSync(cli)) throw new Error(`${cli} not found: create the server's venv first.`);
  const baseUrl = `http://127.0.0.1:${PORT}`;
  if (await isHealthy(baseUrl)) throw new Error(`Something already answers at ${baseUrl}; stop it first.`);

  let log = '';
  const server = spawn(cli, ['up', '--profile', 'e2e', '--port', String(PORT)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Every browser suite signs in as the demo accounts from one IP; the sign-in limit itself is proven by the
    // server's own tests, so here it is raised to keep the suites independent of each other's sign-ins.
    env: { ...process.env, PYTHONUNBUFFERED: '1', RATE_LIMIT_AUTH: '100' },
  });
  const keepTail = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  server.stdout?.on('data', keepTail);
  server.stderr?.on('data', keepTail);

  try {
    await waitUntilHealthy(baseUrl, server, () => log);
  } catch (error) {
    await stop(server);
    throw error;
  }
  project.provide('baseUrl', baseUrl);
  return () => stop(server);
}
