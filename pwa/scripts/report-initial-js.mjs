// Prints the gzip size of the JavaScript a browser loads before the login route can render: the entry
// script of dist/index.html and everything it imports statically (followed through the chunks), and
// fails the build when it exceeds the budget. Lazily imported chunks (dashboards, settings) are excluded.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 200 * 1024;
const distDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const html = readFileSync(join(distDir, 'index.html'), 'utf8');

const entryScripts = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)].map((m) => m[1]);
const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]);

// Static `import ... from "./x.js"` / `import "./x.js"` in a built chunk (dynamic `import(` is skipped).
const STATIC_IMPORT = /(?:^|[;\s}])import\s*(?:[\w$*{},\s]+from\s*)?["']([^"']+\.js)["']/g;

const seen = new Set();
const queue = [...entryScripts, ...preloads].map((url) => posix.normalize(url));
while (queue.length > 0) {
  const url = queue.shift();
  if (seen.has(url)) continue;
  seen.add(url);
  const file = join(distDir, url);
  if (!existsSync(file)) throw new Error(`index.html references missing ${url}`);
  for (const match of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
    queue.push(posix.join(posix.dirname(url), match[1]));
  }
}

let total = 0;
for (const url of seen) {
  const size = gzipSync(readFileSync(join(distDir, url)), { level: 9 }).length;
  total += size;
  console.log(`  ${url}  ${(size / 1024).toFixed(1)} KB gzip`);
}
console.log(`Initial JS for the login route: ${(total / 1024).toFixed(1)} KB gzip (budget ${BUDGET_BYTES / 1024} KB)`);
if (total > BUDGET_BYTES) {
  console.error('Initial JS is over budget: split more code out of the login route.');
  process.exit(1);
}
