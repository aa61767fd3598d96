import 'server-only';
import { images } from '@/db/schema';

/** What a thumbnail in a grid needs, and nothing more. */
export const imageCardColumns = {
  id: images.id,
  title: images.title,
  width: images.width,
  height: images.height,
  orientation: images.orientation,
  licenceModel: images.licenceModel,
  modelRelease: images.modelRelease,
};

export type TImageCard = Pick<
  typeof images.$inferSelect,
  'id' | 'title' | 'width' | 'height' | 'orientation' | 'licenceModel' | 'modelRelease'
>;
