import {
  CATALOG_THEMES,
  CREATORS,
  ORIENTATION_KEYWORDS,
  PEOPLE_KEYWORDS,
  PEOPLE_SENTENCES,
  THEME_WORDS,
  TIME_OF_DAY_KEYWORDS,
  TIMES_OF_DAY,
  type TCatalogTheme,
  type TTimeOfDay,
} from '@/db/seed/catalog-words';
import type { TImageMetadataInput } from '@/lib/media/image-metadata';
import type { TPictureOrientation } from './draw-picture';
import { pick, pickSome, pickWeighted, seededRandom, type TRandom } from './seeded-random';

export type TDemoPicture = {
  theme: TCatalogTheme;
  timeOfDay: TTimeOfDay;
  orientation: TPictureOrientation;
  metadata: Required<Omit<TImageMetadataInput, 'priceListId'>>;
  publish: boolean;
};

/** What picture number `seed` shows and how it is catalogued; pure, so tests can check the mix. */
export function describeDemoPicture(seed: number): TDemoPicture {
  const random = seededRandom(seed);
  const theme = pick(random, CATALOG_THEMES);
  const timeOfDay = theme === 'night' ? 'dusk' : pick(random, TIMES_OF_DAY);
  const orientation = pickWeighted(random, [
    ['landscape', 55],
    ['portrait', 30],
    ['square', 15],
  ] as const);
  const words = THEME_WORDS[theme];

  const peopleCount = random() < 0.65 ? 0 : 1 + Math.floor(random() * (random() < 0.8 ? 3 : 8));
  const modelRelease =
    peopleCount === 0
      ? pickWeighted(random, [
          ['not_needed', 80],
          ['none', 20],
        ] as const)
      : pickWeighted(random, [
          ['released', 75],
          ['none', 25],
        ] as const);

  const creator = pick(random, CREATORS);
  const title = `${pick(random, words.moods)} ${lowerFirst(pick(random, words.subjects))} ${pick(random, words.settings)}`;
  const sentences = pickSome(random, words.sentences, 1 + Math.floor(random() * 2));
  if (peopleCount > 0) sentences.push(pick(random, PEOPLE_SENTENCES));
  const keywords = [
    ...pickSome(random, words.keywords, 5 + Math.floor(random() * 5)),
    ...(theme === 'night' || theme === 'abstract' ? [] : pickSome(random, TIME_OF_DAY_KEYWORDS[timeOfDay], 2)),
    ORIENTATION_KEYWORDS[orientation],
    ...(peopleCount > 0 ? pickSome(random, PEOPLE_KEYWORDS, 2) : ['no people']),
  ];

  return {
    theme,
    timeOfDay,
    orientation,
    metadata: {
      title,
      description: sentences.join(' '),
      keywords,
      creatorName: creator.name,
      creditLine: creator.credit,
      capturedOn: captureDate(random),
      licenceModel: random() < 0.8 ? 'royalty_free' : 'rights_managed',
      modelRelease,
      peopleCount,
    },
    publish: random() < 0.92,
  };
}

/** A day between 2012-01-01 and 2025-12-31. */
function captureDate(random: TRandom): string {
  const start = Date.UTC(2012, 0, 1);
  const end = Date.UTC(2025, 11, 31);
  return new Date(start + Math.floor(random() * ((end - start) / 86_400_000)) * 86_400_000).toISOString().slice(0, 10);
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
