// Lenient readers of an activity object (book config.json): books in the wild miss keys, so each
// reader returns what it can and the player shows what is there. Scoring stays strict (shared/scoring).
import type { ActivityType, Answers } from '@/shared/scoring';

import type { PlayerActivity } from './types';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Zone {
  index: number;
  box: Box;
  text: string | null;
  group: string[];
  label: string | null;
  isCorrect: boolean;
}

export interface SentenceItem {
  index: number;
  sentence: string;
  sentenceAfter: string;
  word: string;
  imagePath: string | null;
}

type Config = Record<string, unknown>;

function isObject(value: unknown): value is Config {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(config: Config, key: string): unknown[] {
  const value = config[key];
  return Array.isArray(value) ? value : [];
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function readBox(value: unknown): Box {
  const box = isObject(value) ? value : {};
  return { x: numberOr(box.x, 0), y: numberOr(box.y, 0), w: numberOr(box.w, 0), h: numberOr(box.h, 0) };
}

/** The `answer[]` items: zones of the picture types, options of circle / markwithx. */
export function readZones(config: Config): Zone[] {
  return list(config, 'answer').map((item, index) => {
    const zone = isObject(item) ? item : {};
    const group = Array.isArray(zone.group) ? zone.group.filter((word) => typeof word === 'string') : [];
    const label = typeof zone.no === 'string' || typeof zone.no === 'number' ? String(zone.no) : null;
    return {
      index,
      box: readBox(zone.coords),
      text: stringOrNull(zone.text),
      group,
      label,
      isCorrect: zone.isCorrect === true,
    };
  });
}

export function readWords(config: Config): string[] {
  return list(config, 'words').filter((word): word is string => typeof word === 'string');
}

/** `match_words[].word`, each once (several sentences may expect the same word). */
export function readMatchWords(config: Config): string[] {
  const words = list(config, 'match_words').flatMap((item) =>
    isObject(item) && typeof item.word === 'string' ? [item.word] : [],
  );
  return [...new Set(words)];
}

export function readSentences(config: Config): SentenceItem[] {
  return list(config, 'sentences').map((item, index) => {
    const sentence = isObject(item) ? item : {};
    return {
      index,
      sentence: stringOrNull(sentence.sentence) ?? '',
      sentenceAfter: stringOrNull(sentence.sentence_after) ?? '',
      word: stringOrNull(sentence.word) ?? '',
      imagePath: stringOrNull(sentence.image_path),
    };
  });
}

export const FREE_MULTI_SELECT = -1;

/** Options per question: absent, null or 0 means 2; -1 means free multi-select. */
export function readChoiceCount(config: Config, type: 'circle' | 'markwithx'): number {
  const value = config[type === 'circle' ? 'circleCount' : 'markCount'];
  return typeof value === 'number' && Number.isInteger(value) && value !== 0 ? value : 2;
}

export function questionOf(option: number, count: number): number | null {
  return count === FREE_MULTI_SELECT ? null : Math.floor(option / count);
}

export function readSectionPath(config: Config): string | null {
  return stringOrNull(config.section_path);
}

export function readHeaderText(config: Config): string {
  return stringOrNull(config.headerText) ?? '';
}

export function readAudioPath(activity: PlayerActivity): string | null {
  if (activity.audioPath) return activity.audioPath;
  const extra = activity.config.audio_extra;
  return isObject(extra) ? stringOrNull(extra.path) : null;
}

export function emptyAnswers(type: ActivityType, seed: number): Answers {
  switch (type) {
    case 'dragdroppicture':
    case 'dragdroppicturegroup':
      return { placements: {} };
    case 'matchTheWords':
      return { matches: {} };
    case 'circle':
    case 'markwithx':
      return { selected: [] };
    case 'puzzleFindWords':
      return { seed, found: [] };
    case 'fillSentencesWithDots':
    case 'fillpicture':
      return { blanks: {} };
  }
}

/** FNV-1a of the activity id: a stable word-search seed for a student who has not answered yet. */
export function seedFromId(id: string): number {
  let hash = 0x811c9dc5;
  for (const unit of new TextEncoder().encode(id)) {
    hash = Math.imul(hash ^ unit, 0x01000193) >>> 0;
  }
  return hash;
}
