import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { ActivityPreview } from './activity-preview';
import { activityFrom, assetUrl, renderPlayer } from './testing';

describe('ActivityPlayer shell', () => {
  it('shows the instruction and a visible audio control for the section audio', () => {
    const activity = { ...activityFrom('circle', 'circleCount 2'), audioPath: './books/ENG3_SB/audio/track 1.mp3' };
    renderPlayer(activity);
    expect(screen.getByRole('heading', { level: 2, name: activity.config.headerText as string })).toBeInTheDocument();
    const audio = screen.getByLabelText('Listen');
    expect(audio).toHaveAttribute('controls');
    expect(audio).toHaveAttribute('src', assetUrl('./books/ENG3_SB/audio/track 1.mp3'));
  });

  it('falls back to audio_extra and shows no control without audio', () => {
    const base = activityFrom('fillpicture', 'one of four');
    const { unmount } = renderPlayer({ ...base, config: { ...base.config, audio_extra: { path: './books/ENG3_SB/audio/x.mp3' } } });
    expect(screen.getByLabelText('Listen')).toHaveAttribute('src', assetUrl('./books/ENG3_SB/audio/x.mp3'));
    unmount();
    renderPlayer(base);
    expect(screen.queryByLabelText('Listen')).not.toBeInTheDocument();
  });

  it('resumes from saved answers and ignores answers of another shape', () => {
    const activity = activityFrom('fillpicture', 'one of four');
    const { unmount } = renderPlayer(activity, { initialAnswers: { blanks: { '1': 'Tuesday' } } });
    expect(screen.getByRole('textbox', { name: 'Box 2' })).toHaveValue('Tuesday');
    unmount();
    renderPlayer(activity, { initialAnswers: { selected: [1] } });
    expect(screen.getByRole('textbox', { name: 'Box 2' })).toHaveValue('');
  });

  it('is read-only when asked: no tools, no editing', () => {
    renderPlayer(activityFrom('circle', 'circleCount 2'), { readOnly: true, initialAnswers: { selected: [0] } });
    expect(screen.queryByRole('toolbar')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Question 1, option 1' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Question 1, option 1' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('says so for an unknown activity type', () => {
    renderPlayer({ id: 'x', type: 'crossword', config: {} });
    expect(screen.getByRole('alert')).toHaveTextContent('crossword');
  });

  it('says so for a word search whose words cannot be gridded', () => {
    renderPlayer({ id: 'x', type: 'puzzleFindWords', config: { words: ['TWO WORDS'] } });
    expect(screen.getByRole('alert')).toHaveTextContent('cannot be shown');
  });
});

describe('ActivityPreview', () => {
  it('shows the answer key on demand', async () => {
    const user = userEvent.setup();
    render(<ActivityPreview activity={activityFrom('matchTheWords', 'all matched correctly')} assetUrl={assetUrl} />);
    expect(screen.queryByText('Answer: swim')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show answer key' }));
    expect(screen.getByText('Answer: swim')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Hide answer key' })).toHaveAttribute('aria-pressed', 'true');
    await user.click(screen.getByRole('button', { name: 'Hide answer key' }));
    expect(screen.queryByText('Answer: swim')).not.toBeInTheDocument();
  });
});
