/** A rectangle in page-image pixels, as config.json gives coords. */
export type Box = { x: number; y: number; w: number; h: number };
export type Size = { width: number; height: number };
/** A box as percentages of the image (left/top/width/height, 0-100). */
export type PercentBox = { left: number; top: number; width: number; height: number };

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/**
 * Where a box sits on the displayed image, as percentages of the image's natural size. Percentages keep markers
 * on their spot whatever size the image is shown at (and inside a zoom transform); parts outside are cut off.
 */
export function percentBox(box: Box, image: Size): PercentBox | null {
  if (image.width <= 0 || image.height <= 0) return null;
  const left = clamp((box.x / image.width) * 100, 0, 100);
  const top = clamp((box.y / image.height) * 100, 0, 100);
  const right = clamp(((box.x + box.w) / image.width) * 100, 0, 100);
  const bottom = clamp(((box.y + box.h) / image.height) * 100, 0, 100);
  if (right <= left || bottom <= top) return null;
  return { left, top, width: right - left, height: bottom - top };
}

/** The box in pixels of the image as displayed at `displayed` size. */
export function scaleBox(box: Box, natural: Size, displayed: Size): Box {
  const sx = displayed.width / natural.width;
  const sy = displayed.height / natural.height;
  return { x: box.x * sx, y: box.y * sy, w: box.w * sx, h: box.h * sy };
}
