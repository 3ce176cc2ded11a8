export { ActivityPlayer } from './activity-player';
export { ActivityPreview } from './activity-preview';
export { emptyAnswers, seedFromId } from './activity-config';
export type { ActivityPlayerProps, AssetUrl, PlayerActivity } from './types';
