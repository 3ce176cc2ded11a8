// Regenerates the typed API client from the server's OpenAPI document:
//   1. `dream-lms openapi` (the repo's venv) -> pwa/openapi.json
//   2. openapi-typescript -> src/shared/api/generated/schema.ts
// With --check it writes nothing and fails when either committed file differs from a fresh export.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const pwaDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(pwaDir, '..');
const cli = process.env.DREAM_LMS_CLI ?? join(repoRoot, '.venv', 'bin', 'dream-lms');
const specFile = join(pwaDir, 'openapi.json');
const schemaFile = join(pwaDir, 'src', 'shared', 'api', 'generated', 'schema.ts');
const check = process.argv.includes('--check');

if (!existsSync(cli)) {
  console.error(`${cli} not found: create the server's venv first (make run), or set DREAM_LMS_CLI.`);
  process.exit(1);
}

const spec = execFileSync(cli, ['openapi'], { cwd: repoRoot, encoding: 'utf8' });
const outDir = check ? mkdtempSync(join(tmpdir(), 'dream-api-')) : null;
const specTarget = outDir ? join(outDir, 'openapi.json') : specFile;
const schemaTarget = outDir ? join(outDir, 'schema.ts') : schemaFile;
writeFileSync(specTarget, spec.endsWith('\n') ? spec : `${spec}\n`);
execFileSync(join(pwaDir, 'node_modules', '.bin', 'openapi-typescript'), [specTarget, '-o', schemaTarget], {
  cwd: pwaDir,
  stdio: 'ignore',
});

if (check) {
  const stale = [
    [specFile, specTarget],
    [schemaFile, schemaTarget],
  ].filter(([committed, fresh]) => !existsSync(committed) || readFileSync(committed, 'utf8') !== readFileSync(fresh, 'utf8'));
  if (stale.length > 0) {
    console.error(`Stale API client: ${stale.map(([f]) => relative(repoRoot, f)).join(', ')}. Run: npm run gen:api`);
    process.exit(1);
  }
  console.log('API client is up to date with the server.');
} else {
  console.log(`Wrote ${relative(repoRoot, specFile)} and ${relative(repoRoot, schemaFile)}`);
}
