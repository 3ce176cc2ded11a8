// The eight activity players in real Chromium, through the teacher preview: each completed with the mouse
// (drag for the drag types, clicks for circle / mark with X, a drag across the letters for the word search,
// typing for the typed types) and one with the keyboard only. Every check compares the score the browser
// shows with the server's score shown next to it. axe runs on each player; screenshots of every player at a
// tablet size go to test-artifacts/players/.
import { mkdirSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import {
  ARTIFACTS_DIR,
  type Browser,
  type BrowserContext,
  expectNoSeriousA11yViolations,
  launchChromium,
  type Page,
  signIn,
  VIEWPORTS,
} from './browser';

type Locator = ReturnType<Page['locator']>;
type Config = Record<string, unknown>;
type Activity = { id: string; book_id: string; activity_type: string; config: Config };

const baseUrl = inject('baseUrl');
const SCREENSHOTS = `${ARTIFACTS_DIR}players/`;
const TYPES = [
  'dragdroppicture',
  'dragdroppicturegroup',
  'matchTheWords',
  'circle',
  'markwithx',
  'puzzleFindWords',
  'fillSentencesWithDots',
  'fillpicture',
] as const;
type ActivityType = (typeof TYPES)[number];

let browser: Browser;
let context: BrowserContext;
let page: Page;
let accessToken: string;
// The first activity of each type in the first book that has all eight, and a second drag-drop one.
const byType = new Map<ActivityType, Activity>();
let keyboardActivity: Activity;

async function apiGet<T>(path: string): Promise<T> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, { headers: { Authorization: `Bearer ${accessToken}` } });
  expect(response.status, path).toBe(200);
  return ((await response.json()) as { data: T }).data;
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: VIEWPORTS.tabletLandscape });
  page = await context.newPage();
  // One sign-in (auth calls are rate limited): the test reads the configs with the browser's token.
  const login = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/login'));
  await signIn(page, baseUrl, 'teacher@dream.test');
  accessToken = ((await (await login).json()) as { data: { access_token: string } }).data.access_token;
  await page.getByRole('heading', { name: 'Teacher dashboard' }).waitFor();

  const books = await apiGet<{ id: string }[]>('/books?per_page=100');
  for (const book of books) {
    const summaries = await apiGet<{ id: string; activity_type: string }[]>(`/books/${book.id}/activities`);
    if (!TYPES.every((type) => summaries.some((summary) => summary.activity_type === type))) continue;
    for (const type of TYPES) {
      const summary = summaries.find((candidate) => candidate.activity_type === type);
      byType.set(type, await apiGet<Activity>(`/activities/${summary!.id}`));
    }
    const dragDrops = summaries.filter((summary) => summary.activity_type === 'dragdroppicture');
    keyboardActivity = await apiGet<Activity>(`/activities/${dragDrops.at(-1)!.id}`);
    break;
  }
  expect([...byType.keys()].sort()).toEqual([...TYPES].sort());
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

// ---- reading the configs (the answer keys are in them) ----

const objects = (config: Config, key: string) => (config[key] as Config[] | undefined) ?? [];
const strings = (config: Config, key: string) => (config[key] as string[] | undefined) ?? [];

/** The options to pick for full marks under the circle / mark-with-X count rules. */
function correctOptions(config: Config, type: 'circle' | 'markwithx'): number[] {
  const raw = config[type === 'circle' ? 'circleCount' : 'markCount'];
  const count = typeof raw === 'number' && raw !== 0 ? raw : 2;
  const correct = objects(config, 'answer').flatMap((option, index) => (option.isCorrect === true ? [index] : []));
  if (count === -1) return correct;
  const firstPerQuestion = new Map<number, number>();
  for (const option of correct) {
    const question = Math.floor(option / count);
    if (!firstPerQuestion.has(question)) firstPerQuestion.set(question, option);
  }
  return [...firstPerQuestion.values()];
}

/** A word for every group zone, each pool word used at most as often as the pool lists it. */
function groupWords(config: Config): string[] {
  const left = new Map<string, number>();
  for (const word of strings(config, 'words')) left.set(word, (left.get(word) ?? 0) + 1);
  return objects(config, 'answer').map((zone) => {
    const word = (zone.group as string[]).find((candidate) => (left.get(candidate) ?? 0) > 0);
    expect(word, 'a solvable group activity').toBeDefined();
    left.set(word!, left.get(word!)! - 1);
    return word!;
  });
}

// ---- pointer and page helpers ----

/** Scrolls so that `element` sits just under the sticky header, so what follows it is on screen too. */
async function scrollToTop(element: Locator): Promise<void> {
  await element.evaluate((node) => window.scrollTo(0, node.getBoundingClientRect().top + window.scrollY - 80));
}

async function centerOf(element: Locator): Promise<{ x: number; y: number }> {
  const box = await element.boundingBox();
  expect(box, 'the element is rendered').not.toBeNull();
  const viewport = page.viewportSize()!;
  const center = { x: box!.x + box!.width / 2, y: box!.y + box!.height / 2 };
  expect(center.y, 'the element is on screen').toBeLessThan(viewport.height);
  expect(center.y).toBeGreaterThan(0);
  return center;
}

/** A real mouse drag: press, move in steps (past the drag threshold), release over the target. */
async function drag(from: Locator, to: Locator): Promise<void> {
  const start = await centerOf(from);
  const end = await centerOf(to);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 12, start.y + 12, { steps: 3 });
  await page.mouse.move(end.x, end.y, { steps: 8 });
  await page.mouse.up();
}

const player = () => page.locator('[data-player]');
const poolWord = (word: string) =>
  page.getByRole('group', { name: 'Words to place' }).getByRole('button', { name: word, exact: true });
const zoneButton = (index: number) => player().getByRole('button', { name: new RegExp(`^Box ${index + 1}:`) });
const sentenceButton = (index: number) => player().getByRole('button', { name: new RegExp(`^Sentence ${index + 1},`) });

/** A full-page screenshot from the top (scrolled, the sticky header would be drawn mid-page). */
async function screenshot(name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

async function openActivity(activity: Activity): Promise<void> {
  // In-app navigation from the book's list, as a teacher gets there (no reload, no new sign-in).
  if (!new URL(page.url()).pathname.startsWith(`/preview/books/${activity.book_id}`)) {
    await page.goto(`${baseUrl}/preview/books/${activity.book_id}`);
  }
  await page.locator(`a[href="/preview/activities/${activity.id}"]`).click();
  await player().waitFor();
  await page.getByRole('button', { name: 'Check answers' }).waitFor();
}

async function backToBook(): Promise<void> {
  await page.getByRole('link', { name: 'All activities of this book' }).click();
  await page.getByRole('list', { name: 'Activities' }).waitFor();
}

/** The score the player's results view shows and the server's, after "Check answers". */
async function checkedScores(): Promise<{ browser: number; server: number }> {
  const results = page.getByTestId('browser-results');
  const status = results.getByRole('status').filter({ hasText: 'Score:' });
  await status.waitFor();
  const browserText = (await status.textContent()) ?? '';
  const browserScore = Number(/Score: (\d+)%/.exec(browserText)?.[1]);
  const server = page.getByTestId('server-score');
  await server.waitFor();
  return { browser: browserScore, server: Number(await server.getAttribute('data-score')) };
}

// ---- completing each type with the mouse ----

async function completeWithMouse(type: ActivityType, config: Config): Promise<void> {
  switch (type) {
    case 'dragdroppicture':
    case 'dragdroppicturegroup': {
      const words = type === 'dragdroppicture' ? objects(config, 'answer').map((zone) => zone.text as string) : groupWords(config);
      await scrollToTop(page.getByRole('group', { name: 'Words to place' }));
      for (const [index, word] of words.entries()) {
        await drag(poolWord(word), zoneButton(index));
        await expect.poll(() => zoneButton(index).getAttribute('aria-label')).toBe(`Box ${index + 1}: ${word}`);
      }
      return;
    }
    case 'matchTheWords': {
      await scrollToTop(page.getByRole('group', { name: 'Words to place' }));
      for (const [index, sentence] of objects(config, 'sentences').entries()) {
        await drag(poolWord(sentence.word as string), sentenceButton(index));
        await expect.poll(() => sentenceButton(index).textContent()).toBe(sentence.word);
      }
      return;
    }
    case 'circle':
    case 'markwithx': {
      const options = player().locator('[data-nav-group="options"]');
      for (const option of correctOptions(config, type)) {
        await options.nth(option).click();
        await expect.poll(() => options.nth(option).getAttribute('aria-pressed')).toBe('true');
      }
      return;
    }
    case 'puzzleFindWords': {
      const grid = page.getByTestId('word-grid');
      await scrollToTop(grid);
      const letters = await grid.getByRole('gridcell').evaluateAll((cells) =>
        cells.map((cell) => [Number(cell.dataset.row), Number(cell.dataset.col), cell.textContent ?? ''] as const),
      );
      const size = Math.max(...letters.map(([row]) => row)) + 1;
      const at = (row: number, col: number) => letters[row * size + col]?.[2];
      const words = strings(config, 'words');
      for (const word of words) {
        const run = findInGrid(word.toUpperCase().replace(/\s/g, ''), size, at);
        expect(run, `${word} is in the grid`).not.toBeNull();
        const cell = ([row, col]: [number, number]) => grid.locator(`[data-row="${row}"][data-col="${col}"]`);
        await drag(cell(run!.start), cell(run!.end));
      }
      await expect
        .poll(() => page.getByRole('heading', { name: /^Words to find/ }).textContent())
        .toBe(`Words to find (${words.length} of ${words.length} found)`);
      return;
    }
    case 'fillSentencesWithDots': {
      for (const [index, sentence] of objects(config, 'sentences').entries()) {
        const input = player().getByRole('textbox', { name: new RegExp(`^Blank ${index + 1}:`) });
        await input.click();
        await page.keyboard.type(` ${(sentence.word as string).toUpperCase()} `); // case and spaces do not count
      }
      return;
    }
    case 'fillpicture': {
      const inputs = page.getByTestId('picture-frame').locator('input');
      for (const [index, zone] of objects(config, 'answer').entries()) {
        await inputs.nth(index).click();
        await page.keyboard.type(zone.text as string);
      }
      return;
    }
  }
}

/** The start and end cells of `word` in the grid, read left to right or top to bottom: the directions words are
 * placed in and the only ones that spell a word (book-format.md); random letters can spell one backwards too. */
function findInGrid(
  word: string,
  size: number,
  at: (row: number, col: number) => string | undefined,
): { start: [number, number]; end: [number, number] } | null {
  const letters = Array.from(word);
  const directions = [
    [0, 1],
    [1, 0],
  ] as const;
  for (let row = 0; row < size; row += 1) {
    for (let col = 0; col < size; col += 1) {
      for (const [dr, dc] of directions) {
        if (letters.every((letter, k) => at(row + k * dr, col + k * dc) === letter)) {
          const last = letters.length - 1;
          return { start: [row, col], end: [row + last * dr, col + last * dc] };
        }
      }
    }
  }
  return null;
}

describe('activity players in the teacher preview', () => {
  it.each(TYPES)('%s: completed with the mouse, the browser and the server give the same score', async (type) => {
    const activity = byType.get(type)!;
    await openActivity(activity);

    await completeWithMouse(type, activity.config);

    await expectNoSeriousA11yViolations(page);
    await screenshot(type);
    await page.getByRole('button', { name: 'Check answers' }).click();
    const scores = await checkedScores();
    expect(scores).toEqual({ browser: 100, server: 100 });
    await expect.poll(() => page.getByTestId('scores-agree').isVisible()).toBe(true);
    // The word search's results are the same grid, read-only; axe takes seconds over its 225 cells.
    if (type !== 'puzzleFindWords') await expectNoSeriousA11yViolations(page);
    await screenshot(`${type}-results`);
    await backToBook();
  });

  it('a drag-drop activity completed with the keyboard only, one zone left wrong', async () => {
    await openActivity(keyboardActivity);
    const zones = objects(keyboardActivity.config, 'answer').map((zone) => zone.text as string);
    const pool = strings(keyboardActivity.config, 'words');
    // Every zone but the last gets its word; the last gets another pool word.
    const wrong = pool.find((word) => word !== zones.at(-1))!;
    const planned = [...zones.slice(0, -1), wrong];

    const active = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        return element ? (element.getAttribute('aria-label') ?? element.textContent ?? '').trim() : '';
      });
    /** Presses `key` until the focused element's name passes `wanted` (fails after 40 presses). */
    const pressUntil = async (key: string, wanted: (name: string) => boolean) => {
      for (let press = 0; press < 40; press += 1) {
        if (wanted(await active())) return;
        await page.keyboard.press(key);
      }
      throw new Error(`focus never reached the wanted element with ${key}; it is on "${await active()}"`);
    };

    for (const [index, word] of planned.entries()) {
      // From the zones back to the pool with Shift+Tab; the first time forward from the top of the page.
      const key = (await active()).startsWith('Box ') ? 'Shift+Tab' : 'Tab';
      await pressUntil(key, (name) => name === word);
      await page.keyboard.press('Enter'); // pick
      await expect.poll(() => page.getByTestId('player-announcer').textContent()).toBe(`Picked ${word}. Now choose where it goes.`);
      await pressUntil('Tab', (name) => name.startsWith(`Box ${index + 1}:`));
      await page.keyboard.press('Enter'); // place
      await expect.poll(active).toBe(`Box ${index + 1}: ${word}`);
      await expect.poll(() => page.getByTestId('player-announcer').textContent()).toBe(`${word} placed in box ${index + 1}.`);
    }
    await pressUntil('Tab', (name) => name === 'Check answers');
    await page.keyboard.press('Enter');

    const scores = await checkedScores();
    const expected = Math.floor((200 * (zones.length - 1) + zones.length) / (2 * zones.length));
    expect(scores).toEqual({ browser: expected, server: expected });
    await screenshot('dragdroppicture-keyboard-results');
  });
});
