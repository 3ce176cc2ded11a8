// Scoring of the eight activity types; mirrors server/dream_lms/scoring/score.py.
// Rules: sync-protocol/vectors/scoring/README.md; both scorers run sync-protocol/vectors/scoring/*.json.

import { hasWhitespace, typedAnswerKey } from './text';
import {
  ActivityConfigInvalidError,
  AnswersInvalidError,
  isJsonObject,
  jsonInt,
  pointer,
} from './types';
import type { ActivityType, GridCell, ItemResult, JsonObject, ScoreResult } from './types';
import { GRID_SIZE, at, foundWords, generateGrid, normalizeWord } from './wordsearch';
import type { Run } from './wordsearch';

const FREE_MULTI_SELECT = -1;
const DEFAULT_CHOICE_GROUP = 2;
const MAX_TYPED_LENGTH = 200;
const MAX_SEED = 0xffffffff;
const INDEX_KEY = /^(0|[1-9][0-9]*)$/;

type Scorer = (config: JsonObject, answers: unknown) => ScoreResult;

/**
 * Score one activity. Throws AnswersInvalidError for answers outside the format or the activity and
 * ActivityConfigInvalidError for an activity that cannot be scored.
 */
export function scoreActivity(activityType: ActivityType | string, config: unknown, answers: unknown): ScoreResult {
  const scorer = SCORERS.get(activityType);
  if (scorer === undefined) {
    throw new ActivityConfigInvalidError('unknown_activity_type', `unknown activity type ${activityType}`, '/type');
  }
  if (!isJsonObject(config)) throw new ActivityConfigInvalidError('invalid_config', 'the activity must be a JSON object');
  return scorer(config, answers);
}

/** floor(100 * correct / total + 1/2) in integers, so every language rounds alike. */
export function roundHalfUpPercent(correct: number, total: number): number {
  return Math.floor((200 * correct + total) / (2 * total));
}

function result(items: ItemResult[], correct?: number, total?: number): ScoreResult {
  const earned = correct ?? items.filter((item) => item.correct).length;
  const possible = total ?? items.length;
  if (possible === 0) throw new ActivityConfigInvalidError('invalid_config', 'the activity has nothing to score');
  return { score: roundHalfUpPercent(earned, possible), items, correct: earned, total: possible };
}

// --- reading the activity (book config.json) ---

function configError(message: string, field: string): ActivityConfigInvalidError {
  return new ActivityConfigInvalidError('invalid_config', message, field);
}

function objectList(config: JsonObject, key: string): JsonObject[] {
  const value = config[key];
  if (!Array.isArray(value) || value.length === 0) throw configError(`'${key}' must be a non-empty list`, pointer(key));
  return value.map((item: unknown, index) => {
    if (!isJsonObject(item)) throw configError(`${key}[${index}] must be an object`, pointer(key, index));
    return item;
  });
}

function stringList(config: JsonObject, key: string): string[] {
  const value = config[key];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw configError(`'${key}' must be a list of strings`, pointer(key));
  }
  return value;
}

function itemStrings(items: JsonObject[], listKey: string, key: string): string[] {
  return items.map((item, index) => {
    const value = item[key];
    if (typeof value !== 'string') {
      throw configError(`${listKey}[${index}].${key} must be a string`, pointer(listKey, index, key));
    }
    return value;
  });
}

/** Options per question from circleCount/markCount: absent, null or 0 -> 2; -1 -> free multi-select. */
function choiceGroupSize(config: JsonObject, key: string): number {
  const raw = config[key];
  if (raw === undefined || raw === null) return DEFAULT_CHOICE_GROUP;
  const count = jsonInt(raw);
  if (count === null || count < FREE_MULTI_SELECT) {
    throw configError(`'${key}' must be -1, 0 or a positive integer`, pointer(key));
  }
  return count === 0 ? DEFAULT_CHOICE_GROUP : count;
}

// --- reading the answers ---

function shapeError(message: string, field = ''): AnswersInvalidError {
  return new AnswersInvalidError('invalid_shape', message, field);
}

function hasExactlyKeys(value: unknown, keys: string[]): value is JsonObject {
  if (!isJsonObject(value)) return false;
  const present = Object.keys(value);
  return present.length === keys.length && keys.every((key) => Object.hasOwn(value, key));
}

/** The answers must be an object holding exactly `key`. */
function answersValue(answers: unknown, key: string): unknown {
  if (!hasExactlyKeys(answers, [key])) throw shapeError(`the answers must be an object with exactly the key '${key}'`);
  return answers[key];
}

/** An object from item index ("0", "1", ... below `count`) to a string. */
function indexedStrings(value: unknown, key: string, count: number): Map<number, string> {
  if (!isJsonObject(value)) throw shapeError(`'${key}' must be an object`, pointer(key));
  const result = new Map<number, string>();
  for (const [rawIndex, text] of Object.entries(value)) {
    const field = pointer(key, rawIndex);
    if (!INDEX_KEY.test(rawIndex)) throw shapeError(`'${rawIndex}' is not an item index`, field);
    if (typeof text !== 'string' || Array.from(text).length > MAX_TYPED_LENGTH) {
      throw shapeError(`a string of at most ${MAX_TYPED_LENGTH} characters`, field);
    }
    const index = Number(rawIndex);
    if (index >= count) throw new AnswersInvalidError('unknown_index', `the activity has no item ${index}`, field);
    result.set(index, text);
  }
  return result;
}

/** Like indexedStrings, and every word must be one of the pool's words (exact string). */
function poolPlacements(value: unknown, key: string, count: number, pool: string[]): Map<number, string> {
  const placements = indexedStrings(value, key, count);
  for (const [index, word] of placements) {
    if (!pool.includes(word)) {
      throw new AnswersInvalidError('unknown_word', `'${word}' is not in the word pool`, pointer(key, index));
    }
  }
  return placements;
}

function selectedIndexes(value: unknown, count: number): Set<number> {
  if (!Array.isArray(value)) throw shapeError("'selected' must be a list", pointer('selected'));
  const selected = new Set<number>();
  value.forEach((raw: unknown, position) => {
    const index = jsonInt(raw);
    const field = pointer('selected', position);
    if (index === null) throw shapeError('a selected option is an integer index', field);
    if (index < 0 || index >= count) {
      throw new AnswersInvalidError('unknown_index', `the activity has no option ${index}`, field);
    }
    if (selected.has(index)) {
      throw new AnswersInvalidError('duplicate_selection', `option ${index} is selected twice`, field);
    }
    selected.add(index);
  });
  return selected;
}

function puzzleAnswers(answers: unknown): { seed: number; runs: Run[] } {
  if (!hasExactlyKeys(answers, ['seed', 'found'])) {
    throw shapeError("the answers must be an object with exactly 'seed' and 'found'");
  }
  const seed = jsonInt(answers['seed']);
  if (seed === null || seed < 0 || seed > MAX_SEED) {
    throw shapeError("'seed' must be an integer in 0..4294967295", pointer('seed'));
  }
  const found = answers['found'];
  if (!Array.isArray(found)) throw shapeError("'found' must be a list", pointer('found'));
  return { seed, runs: found.map((item: unknown, index) => foundRun(item, index)) };
}

function foundRun(item: unknown, index: number): Run {
  if (!hasExactlyKeys(item, ['start', 'end'])) throw shapeError('a found run is {start, end}', pointer('found', index));
  return [gridCell(item['start'], pointer('found', index, 'start')), gridCell(item['end'], pointer('found', index, 'end'))];
}

function gridCell(value: unknown, field: string): GridCell {
  const coordinates = Array.isArray(value) ? value.map(jsonInt) : [];
  const [row, col] = coordinates;
  if (coordinates.length !== 2 || row === null || row === undefined || col === null || col === undefined) {
    throw shapeError('a cell is [row, column]', field);
  }
  return [row, col];
}

// --- the scorers ---

function scoreDragDrop(config: JsonObject, answers: unknown): ScoreResult {
  const zones = itemStrings(objectList(config, 'answer'), 'answer', 'text');
  const pool = stringList(config, 'words');
  const placed = poolPlacements(answersValue(answers, 'placements'), 'placements', zones.length, pool);
  return result(zones.map((expected, index) => ({ index, correct: placed.get(index) === expected })));
}

function scoreDragDropGroup(config: JsonObject, answers: unknown): ScoreResult {
  const zones = objectList(config, 'answer');
  const groups = zones.map((zone, index) => zoneGroup(zone, index));
  const pool = stringList(config, 'words');
  const placed = poolPlacements(answersValue(answers, 'placements'), 'placements', zones.length, pool);
  // Each zone is judged on its own (book-format.md): a pool word may serve several zones of its group.
  return result(
    groups.map((group, index) => {
      const word = placed.get(index);
      return { index, correct: word !== undefined && group.includes(word) };
    }),
  );
}

function zoneGroup(zone: JsonObject, index: number): string[] {
  const group = zone['group'];
  if (!Array.isArray(group) || !group.every((word) => typeof word === 'string')) {
    throw configError(`answer[${index}].group must be a list of strings`, pointer('answer', index, 'group'));
  }
  return group;
}

function scoreMatchTheWords(config: JsonObject, answers: unknown): ScoreResult {
  const pool = itemStrings(objectList(config, 'match_words'), 'match_words', 'word');
  const expected = itemStrings(objectList(config, 'sentences'), 'sentences', 'word');
  const matched = poolPlacements(answersValue(answers, 'matches'), 'matches', expected.length, pool);
  return result(expected.map((word, index) => ({ index, correct: matched.get(index) === word })));
}

function choiceScorer(countKey: string): Scorer {
  return (config, answers) => {
    const options = objectList(config, 'answer');
    const key = options.map((option) => option['isCorrect'] === true);
    const groupSize = choiceGroupSize(config, countKey);
    const selected = selectedIndexes(answersValue(answers, 'selected'), options.length);
    return groupSize === FREE_MULTI_SELECT ? scoreMultiSelect(key, selected) : scoreQuestions(key, selected, groupSize);
  };
}

/** Options [k*n .. k*n+n-1] form question k (the last one may be shorter); one pick per question. */
function scoreQuestions(key: boolean[], selected: Set<number>, groupSize: number): ScoreResult {
  const items: ItemResult[] = [];
  for (let first = 0, question = 0; first < key.length; first += groupSize, question++) {
    const picks = [...selected].filter((index) => index >= first && index < first + groupSize);
    if (picks.length > 1) {
      throw new AnswersInvalidError(
        'multiple_selections_in_question',
        `question ${question} has ${picks.length} picks`,
        '/selected',
      );
    }
    const [pick] = picks;
    items.push({ index: question, correct: pick !== undefined && at(key, pick) });
  }
  return result(items);
}

/** Free multi-select: max(0, right picks - wrong picks) / correct options. */
function scoreMultiSelect(key: boolean[], selected: Set<number>): ScoreResult {
  const right = [...selected].filter((index) => at(key, index)).length;
  const wrong = selected.size - right;
  const items = key.map((isCorrect, index) => ({ index, correct: selected.has(index) === isCorrect }));
  return result(items, Math.max(0, right - wrong), key.filter(Boolean).length);
}

function scoreFindWords(config: JsonObject, answers: unknown): ScoreResult {
  const words = stringList(config, 'words');
  words.forEach((word, index) => {
    const letters = Array.from(normalizeWord(word));
    if (letters.length === 0 || hasWhitespace(letters.join('')) || letters.length > GRID_SIZE) {
      throw configError(`word '${word}' must be 1..${GRID_SIZE} letters, no spaces`, pointer('words', index));
    }
  });
  const { seed, runs } = puzzleAnswers(answers);
  if (runs.length > words.length) {
    throw new AnswersInvalidError('too_many_found', `${runs.length} runs for ${words.length} words`, '/found');
  }
  const found = foundWords(generateGrid(words, seed), words, runs);
  return result(found.map((correct, index) => ({ index, correct })));
}

function typedScorer(listKey: string, textKey: string): Scorer {
  return (config, answers) => {
    const expected = itemStrings(objectList(config, listKey), listKey, textKey);
    const typed = indexedStrings(answersValue(answers, 'blanks'), 'blanks', expected.length);
    return result(
      expected.map((text, index) => {
        const answer = typed.get(index);
        return { index, correct: answer !== undefined && typedAnswerKey(answer) === typedAnswerKey(text) };
      }),
    );
  };
}

const SCORERS = new Map<string, Scorer>([
  ['dragdroppicture', scoreDragDrop],
  ['dragdroppicturegroup', scoreDragDropGroup],
  ['matchTheWords', scoreMatchTheWords],
  ['circle', choiceScorer('circleCount')],
  ['markwithx', choiceScorer('markCount')],
  ['puzzleFindWords', scoreFindWords],
  ['fillSentencesWithDots', typedScorer('sentences', 'word')],
  ['fillpicture', typedScorer('answer', 'text')],
]);
