export { ActivityPlayer } from './activity-player';
export { ActivityPreview } from './activity-preview';
export type { ActivityPlayerProps, AssetUrl, PlayerActivity } from './types';
