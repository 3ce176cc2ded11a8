import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { SelectionAnswers } from '@/shared/scoring';

import { toggleOption } from './choice-player';
import { activityFrom, announcement, renderPlayer, vectorCase } from './testing';

describe('choice selection rules', () => {
  it('keeps one pick per question and toggles freely with -1', () => {
    expect(toggleOption([0], 1, 2)).toEqual([1]);
    expect(toggleOption([1], 1, 2)).toEqual([]);
    expect(toggleOption([1], 3, 3)).toEqual([1, 3]);
    expect(toggleOption([0, 3], 5, 3)).toEqual([0, 5]);
    expect(toggleOption([0, 1], 2, -1)).toEqual([0, 1, 2]);
    expect(toggleOption([0, 1, 2], 1, -1)).toEqual([0, 2]);
  });
});

describe.each(['circle', 'markwithx'] as const)('%s player', (type) => {
  const countKey = type === 'circle' ? 'circleCount' : 'markCount';

  it('groups options by the count (absent means 2) and replaces the pick within a question', async () => {
    const user = userEvent.setup();
    const vector = vectorCase(type, `${countKey} absent: one right, one wrong, one unanswered`);
    const { lastAnswers, lastScore } = renderPlayer(activityFrom(type, vector.name));
    await user.click(screen.getByRole('button', { name: 'Question 1, option 2' }));
    await user.click(screen.getByRole('button', { name: 'Question 1, option 1' }));
    expect(screen.getByRole('button', { name: 'Question 1, option 2' })).toHaveAttribute('aria-pressed', 'false');
    await user.click(screen.getByRole('button', { name: 'Question 2, option 1' }));
    expect(lastAnswers()).toEqual(vector.answers);
    expect(lastScore()).toEqual(vector.expected);
    expect(announcement()).toBe(type === 'circle' ? 'Question 2, option 1 circled.' : 'Question 2, option 1 marked with X.');
    await user.click(screen.getByRole('button', { name: 'Question 2, option 1' }));
    expect(lastAnswers()).toEqual({ selected: [0] });
  });

  it('follows a count of 3, chosen with the keyboard', async () => {
    const user = userEvent.setup();
    const vector = vectorCase(type, `${countKey} 3: all correct`);
    const { lastAnswers, lastScore } = renderPlayer(activityFrom(type, vector.name));
    for (const option of [...(vector.answers as SelectionAnswers).selected].sort()) {
      const name = `Question ${Math.floor(option / 3) + 1}, option ${(option % 3) + 1}`;
      screen.getByRole('button', { name }).focus();
      await user.keyboard('{Enter}');
    }
    expect(lastScore()).toEqual(vector.expected);
    expect(lastAnswers()).toEqual({ selected: [1, 5, 6] });
  });

  it('toggles options freely with a count of -1', async () => {
    const user = userEvent.setup();
    const vector = vectorCase(type, `${countKey} -1: 3 right minus 1 wrong`);
    const { lastAnswers, lastScore } = renderPlayer(activityFrom(type, vector.name));
    for (const n of [1, 2, 3, 4, 6]) await user.click(screen.getByRole('button', { name: `Option ${n}` }));
    await user.click(screen.getByRole('button', { name: 'Option 6' }));
    expect(lastAnswers()).toEqual({ selected: [0, 1, 2, 3] });
    expect(lastScore()).toEqual(vector.expected);
  });

  it('ignores the other type’s count key (3 here), so options pair up', async () => {
    const user = userEvent.setup();
    const otherKey = type === 'circle' ? 'markCount is ignored by circle' : 'circleCount is ignored by markwithx';
    const vector = vectorCase(type, otherKey);
    const { lastScore } = renderPlayer(activityFrom(type, vector.name));
    for (const name of ['Question 1, option 1', 'Question 2, option 2', 'Question 3, option 2']) {
      await user.click(screen.getByRole('button', { name }));
    }
    expect(lastScore()).toEqual(vector.expected);
  });

  it('marks each question in the results and shows the key when allowed', async () => {
    const user = userEvent.setup();
    const vector = vectorCase(type, `${countKey} 2`);
    renderPlayer(activityFrom(type, vector.name), { initialAnswers: vector.answers, showResults: true, allowShowAnswers: true });
    const { correct, total, score } = vector.expected!;
    expect(screen.getByText(`Score: ${score}%`)).toBeInTheDocument();
    expect(screen.getAllByText('right')).toHaveLength(correct);
    expect(screen.getAllByText('wrong')).toHaveLength(total - correct);
    expect(screen.getByRole('button', { name: 'Question 1, option 1' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Show answers' }));
    expect(screen.getAllByText('correct answer').length).toBeGreaterThan(0);
  });
});
