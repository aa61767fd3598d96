/**
 * Word lists for the demo catalog: plain data, combined by tooling/demo/seed-catalog.ts. Each theme is a
 * kind of picture tooling/demo/draw-picture.ts can draw, so titles and keywords match what the picture shows.
 * Every name below is invented.
 */

export const CATALOG_THEMES = ['hills', 'city', 'sea', 'mountains', 'forest', 'desert', 'night', 'abstract'] as const;
export type TCatalogTheme = (typeof CATALOG_THEMES)[number];

export const TIMES_OF_DAY = ['dawn', 'day', 'dusk', 'overcast'] as const;
export type TTimeOfDay = (typeof TIMES_OF_DAY)[number];

type TThemeWords = {
  /** Nouns a title is built around. */
  subjects: readonly string[];
  /** Adjectives that fit the theme. */
  moods: readonly string[];
  /** "at dusk", "over the valley": endings for a title. */
  settings: readonly string[];
  /** Sentences for the description; one or two are picked. */
  sentences: readonly string[];
  keywords: readonly string[];
};

export const THEME_WORDS: Record<TCatalogTheme, TThemeWords> = {
  hills: {
    subjects: ['Rolling hills', 'Green valley', 'Quiet countryside', 'Farmland', 'Meadow', 'Hillside', 'Pastoral landscape'],
    moods: ['Gentle', 'Peaceful', 'Soft', 'Golden', 'Misty', 'Wide', 'Calm'],
    settings: ['under a clear sky', 'in early summer', 'after the rain', 'with a low sun', 'in layers of haze', 'in spring light'],
    sentences: [
      'Layered hills fade into the distance under an open sky.',
      'A calm rural landscape with soft curves and plenty of space for text.',
      'Green slopes roll towards the horizon in gentle light.',
      'A simple, uncluttered countryside scene suited to editorial and travel use.',
    ],
    keywords: ['hills', 'landscape', 'countryside', 'valley', 'nature', 'rural', 'meadow', 'green', 'outdoors', 'scenic', 'horizon', 'calm'],
  },
  city: {
    subjects: ['City skyline', 'Downtown towers', 'Urban horizon', 'High-rise district', 'Skyline silhouette', 'City blocks'],
    moods: ['Modern', 'Busy', 'Quiet', 'Glowing', 'Geometric', 'Bold'],
    settings: ['at sunset', 'in the blue hour', 'on a clear morning', 'as the lights come on', 'against a pastel sky'],
    sentences: [
      'A skyline of towers and lit windows against a graded sky.',
      'Clean geometric buildings make a strong horizontal composition.',
      'The city stands in silhouette while the sky changes colour.',
      'An urban scene with copy space above the rooftops.',
    ],
    keywords: ['city', 'skyline', 'urban', 'architecture', 'buildings', 'downtown', 'towers', 'business', 'modern', 'metropolis', 'windows'],
  },
  sea: {
    subjects: ['Open sea', 'Coastline', 'Calm ocean', 'Harbour view', 'Seascape', 'Bay', 'Sailing boat'],
    moods: ['Tranquil', 'Bright', 'Shimmering', 'Serene', 'Breezy', 'Endless'],
    settings: ['at sunrise', 'at golden hour', 'under a wide sky', 'on a summer afternoon', 'with sunlight on the water'],
    sentences: [
      'The sun lays a path of light across calm water.',
      'A wide seascape with a clean horizon line.',
      'Gentle waves and an open sky give a feeling of space.',
      'A small sail on the horizon adds a point of interest to the calm sea.',
    ],
    keywords: ['sea', 'ocean', 'water', 'coast', 'horizon', 'waves', 'summer', 'travel', 'holiday', 'sailing', 'reflection', 'seascape'],
  },
  mountains: {
    subjects: ['Mountain range', 'Snowy peaks', 'Alpine ridge', 'High summits', 'Mountain panorama', 'Rocky peaks'],
    moods: ['Majestic', 'Crisp', 'Rugged', 'Towering', 'Cold', 'Dramatic'],
    settings: ['in morning light', 'above the tree line', 'under a pale sky', 'in winter', 'at first light'],
    sentences: [
      'Snow-capped peaks rise above darker ridges in the foreground.',
      'A mountain panorama in cool tones with clear depth.',
      'Jagged summits stand against a graded sky.',
      'An alpine scene suited to outdoor, travel and adventure topics.',
    ],
    keywords: ['mountains', 'peaks', 'snow', 'alpine', 'alps', 'hiking', 'adventure', 'landscape', 'ridge', 'summit', 'nature', 'winter'],
  },
  forest: {
    subjects: ['Pine forest', 'Woodland', 'Evergreen trees', 'Forest edge', 'Conifer woods', 'Treeline'],
    moods: ['Deep', 'Fresh', 'Dense', 'Quiet', 'Wild', 'Shaded'],
    settings: ['in the morning mist', 'under a bright sky', 'at the foot of the hills', 'in late afternoon', 'after a cool night'],
    sentences: [
      'Rows of pine trees stand in layers towards the hills.',
      'A dense evergreen forest with a soft sky above.',
      'Conifers frame a calm woodland scene.',
      'A natural, green image for environmental and outdoor themes.',
    ],
    keywords: ['forest', 'trees', 'pine', 'woods', 'nature', 'evergreen', 'environment', 'green', 'wilderness', 'conifer', 'outdoors'],
  },
  desert: {
    subjects: ['Sand dunes', 'Desert landscape', 'Dune field', 'Arid plain', 'Desert horizon', 'Golden dunes'],
    moods: ['Warm', 'Vast', 'Silent', 'Sunlit', 'Dry', 'Glowing'],
    settings: ['under a blazing sun', 'at sunset', 'in the evening heat', 'beneath a clear sky', 'at first light'],
    sentences: [
      'Curving dunes catch the low sun and cast long shadows.',
      'A warm, minimal desert scene with smooth lines.',
      'Sand ridges roll towards a hazy horizon.',
      'A simple composition of sand and sky with room for copy.',
    ],
    keywords: ['desert', 'dunes', 'sand', 'sahara', 'heat', 'travel', 'arid', 'sun', 'minimal', 'landscape', 'warm', 'adventure'],
  },
  night: {
    subjects: ['Starry sky', 'Moonlit hills', 'Night landscape', 'Full moon', 'Night sky', 'Moonrise'],
    moods: ['Silent', 'Mysterious', 'Dark', 'Dreamy', 'Clear', 'Cool'],
    settings: ['over the hills', 'on a clear night', 'above a sleeping valley', 'in midwinter', 'after midnight'],
    sentences: [
      'A bright moon and scattered stars above dark hills.',
      'A calm night landscape in deep blue tones.',
      'Silhouetted hills lie under a sky full of stars.',
      'A quiet night scene for themes of rest, dreams and astronomy.',
    ],
    keywords: ['night', 'moon', 'stars', 'sky', 'astronomy', 'dark', 'silhouette', 'moonlight', 'evening', 'calm', 'dream'],
  },
  abstract: {
    subjects: ['Abstract circles', 'Colour composition', 'Geometric pattern', 'Overlapping shapes', 'Colour field', 'Abstract stripes'],
    moods: ['Vibrant', 'Playful', 'Harmonious', 'Bold', 'Soft', 'Minimal'],
    settings: ['in warm tones', 'in cool tones', 'on a gradient', 'with transparent layers', 'in complementary colours'],
    sentences: [
      'Translucent shapes overlap on a smooth gradient background.',
      'A clean geometric design suitable as a background or texture.',
      'Simple forms and harmonious colours make a modern abstract image.',
      'A flexible abstract backdrop for presentations and web pages.',
    ],
    keywords: ['abstract', 'background', 'geometric', 'pattern', 'design', 'shapes', 'colourful', 'modern', 'gradient', 'texture', 'graphic'],
  },
};

export const TIME_OF_DAY_KEYWORDS: Record<TTimeOfDay, readonly string[]> = {
  dawn: ['dawn', 'sunrise', 'morning'],
  day: ['daylight', 'blue sky', 'sunny'],
  dusk: ['dusk', 'sunset', 'evening'],
  overcast: ['overcast', 'cloudy', 'muted'],
};

export const ORIENTATION_KEYWORDS = {
  landscape: 'horizontal',
  portrait: 'vertical',
  square: 'square format',
} as const;

export const CREATORS = [
  { name: 'Maren Holt', credit: 'Maren Holt / Stockroom' },
  { name: 'Tomás Ferreira', credit: 'Tomás Ferreira / Northlight Agency' },
  { name: 'Aiko Tanabe', credit: 'Aiko Tanabe / Stockroom' },
  { name: 'Jonas Lindqvist', credit: 'Lindqvist Photography' },
  { name: 'Priya Raman', credit: 'Priya Raman / Open Horizon Images' },
  { name: 'Elif Kaya', credit: 'Elif Kaya / Stockroom' },
  { name: 'Daniel Okafor', credit: 'Daniel Okafor / Northlight Agency' },
  { name: 'Sofia Marchetti', credit: 'Marchetti Studio' },
  { name: 'Lukas Brandt', credit: 'Lukas Brandt / Open Horizon Images' },
  { name: 'Hannah Webb', credit: 'Hannah Webb / Stockroom' },
  { name: 'Mateo Ruiz', credit: 'Ruiz Visuals' },
  { name: 'Nora Aaltonen', credit: 'Nora Aaltonen / Stockroom' },
] as const;

/** Sentences added when the picture is said to include people (the drawings do not show any). */
export const PEOPLE_SENTENCES = [
  'A small figure in the scene gives a sense of scale.',
  'People enjoy the view in the distance.',
  'Walkers pause to take in the scenery.',
] as const;

export const PEOPLE_KEYWORDS = ['people', 'lifestyle', 'leisure', 'tourism'] as const;
