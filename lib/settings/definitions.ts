import { z } from 'zod';

/** Every site setting, its shape and its default. A stored value that no longer parses falls back to the default. */
export const settingDefinitions = {
  'site.name': { schema: z.string().trim().min(1).max(80), default: 'Stockroom' },
  'media.watermark': {
    schema: z.object({
      text: z.string().trim().min(1).max(60),
      position: z.enum(['center', 'tiled', 'bottom-right', 'bottom-left', 'top-right', 'top-left']),
      opacity: z.number().min(0.05).max(0.9),
    }),
    default: { text: 'STOCKROOM PREVIEW', position: 'tiled', opacity: 0.35 } as {
      text: string;
      position: 'center' | 'tiled' | 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left';
      opacity: number;
    },
  },
  'catalog.featuredCount': { schema: z.number().int().min(0).max(48), default: 12 },
} as const;

export type TSettingKey = keyof typeof settingDefinitions;
export type TSettingValue<K extends TSettingKey> = (typeof settingDefinitions)[K]['default'];
