import { useEffect, useRef, useState } from 'react';

import type { PageAudio } from '../api/get-book-pages';

/** One audio element for the page's audio buttons: a second button stops the first. */
export function usePageAudio() {
  const element = useRef<HTMLAudioElement | null>(null);
  const [playingUrl, setPlayingUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => () => element.current?.pause(), []);

  const stop = () => {
    element.current?.pause();
    setPlayingUrl(null);
  };

  const toggle = (audio: PageAudio) => {
    if (playingUrl === audio.url) {
      stop();
      return;
    }
    element.current?.pause();
    const player = new Audio(audio.url);
    player.addEventListener('ended', () => setPlayingUrl((url) => (url === audio.url ? null : url)));
    element.current = player;
    setFailed(false);
    setPlayingUrl(audio.url);
    Promise.resolve(player.play()).catch(() => {
      setPlayingUrl(null);
      setFailed(true);
    });
  };

  return { playingUrl, failed, toggle, stop };
}
