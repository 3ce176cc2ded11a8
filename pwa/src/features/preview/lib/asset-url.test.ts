import { describe, expect, it } from 'vitest';

import { assetUrlFromMap, bookRelativeKey } from './asset-url';

describe('assetUrlFromMap', () => {
  const assets = {
    'images/M1/p4s2.png': 'https://s3.test/books/EN/images/M1/p4s2.png?sig=1',
    'audio/a b.wav': 'https://s3.test/books/EN/audio/a%20b.wav?sig=2',
  };
  const assetUrl = assetUrlFromMap(assets);

  it('maps config paths and book-relative keys to the pre-signed URLs', () => {
    expect(assetUrl('./books/EN/images/M1/p4s2.png')).toBe(assets['images/M1/p4s2.png']);
    expect(assetUrl('books/EN/audio/a b.wav')).toBe(assets['audio/a b.wav']);
    expect(assetUrl('images/M1/p4s2.png')).toBe(assets['images/M1/p4s2.png']);
  });

  it('keeps a URL the server already put into the config', () => {
    const url = assets['images/M1/p4s2.png'];
    expect(assetUrl(url)).toBe(url);
  });

  it('strips only the leading ./books/<BOOK>/ of a path', () => {
    expect(bookRelativeKey(' ./books/DE 1/images/books/x.png ')).toBe('images/books/x.png');
  });
});
