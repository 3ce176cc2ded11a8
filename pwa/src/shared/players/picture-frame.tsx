import { useState, type CSSProperties, type ReactNode } from 'react';

import type { Box, Zone } from './activity-config';

interface PictureFrameProps {
  src: string | null;
  alt: string;
  /** Zones in pixels of the image; they scale with it. */
  zones: Zone[];
  children: (zone: Zone, style: CSSProperties) => ReactNode;
}

interface Size {
  width: number;
  height: number;
}

/** Until the image has loaded, the zones' bounding box stands in for its natural size. */
function zonesExtent(boxes: Box[]): Size {
  const width = Math.max(1, ...boxes.map((box) => box.x + box.w));
  const height = Math.max(1, ...boxes.map((box) => box.y + box.h));
  return { width, height };
}

function percent(value: number, whole: number): string {
  return `${(100 * value) / whole}%`;
}

/**
 * The exercise picture scaled to fit the screen (width and 70% of the viewport height), with each
 * zone positioned in percentages of the image's natural size so it follows any scaling.
 */
export function PictureFrame({ src, alt, zones, children }: PictureFrameProps) {
  const [natural, setNatural] = useState<Size | null>(null);
  const size = natural ?? zonesExtent(zones.map((zone) => zone.box));
  const ratio = size.width / size.height;
  return (
    <div
      className="relative mx-auto overflow-hidden rounded-lg border border-border bg-muted"
      style={{ aspectRatio: `${size.width} / ${size.height}`, width: `min(100%, calc(70vh * ${ratio}))` }}
      data-testid="picture-frame"
    >
      {src !== null && (
        <img
          src={src}
          alt={alt}
          draggable={false}
          className="absolute inset-0 size-full select-none"
          onLoad={(event) => {
            const image = event.currentTarget;
            if (image.naturalWidth > 0 && image.naturalHeight > 0) {
              setNatural({ width: image.naturalWidth, height: image.naturalHeight });
            }
          }}
        />
      )}
      {zones.map((zone) =>
        children(zone, {
          position: 'absolute',
          left: percent(zone.box.x, size.width),
          top: percent(zone.box.y, size.height),
          width: percent(zone.box.w, size.width),
          height: percent(zone.box.h, size.height),
        }),
      )}
    </div>
  );
}
