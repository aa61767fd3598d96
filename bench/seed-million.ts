import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { seededRandom } from '@/tooling/demo/seeded-random';

/**
 * Fills `images` (and `image_media` with placeholder keys: search never reads files) with
 * deterministic rows through COPY. Indexes are dropped during the load and rebuilt after, as a
 * bulk import would. Word frequencies follow a Zipf-like curve so that "common" and "rare"
 * words behave like a real catalog's.
 */
export const COMMON_WORD = 'city';
export const RARE_WORD = 'lighthouse';

const COMMON = ['city', 'people', 'nature', 'business', 'water', 'travel', 'sky', 'food', 'family', 'street'];
const MEDIUM = [
  'mountain', 'forest', 'beach', 'sunset', 'office', 'coffee', 'market', 'bridge', 'winter', 'summer', 'garden', 'river',
  'portrait', 'children', 'team', 'laptop', 'bicycle', 'train', 'harbour', 'festival', 'kitchen', 'desert', 'snow', 'rain',
  'autumn', 'spring', 'meadow', 'skyline', 'night', 'morning', 'village', 'farm', 'horse', 'dog', 'cat', 'bird', 'flower',
  'architecture', 'interior', 'fashion', 'sport', 'running', 'yoga', 'music', 'concert', 'school', 'doctor', 'hospital',
];
const RARE = ['lighthouse', 'gondola', 'origami', 'glacier', 'zeppelin', 'saxophone', 'flamingo', 'windmill', 'aqueduct', 'tapestry'];
const FILLER = ['bright', 'quiet', 'modern', 'old', 'green', 'blue', 'golden', 'busy', 'empty', 'warm', 'cold', 'small', 'large', 'view', 'scene', 'detail', 'light', 'shadow', 'colour', 'texture'];
const CREATORS = ['Ana Ribeiro', 'Jonas Berg', 'Mei Tanaka', 'Omar Haddad', 'Lucía Gómez', 'Piet de Vries', 'Sara Okafor', 'Tomás Novak'];

/** Picks a word: common words appear in roughly 5% of rows each, rare ones in roughly 0.01%. */
function word(random: () => number) {
  const roll = random();
  const pick = <T,>(list: T[]) => list[Math.floor(random() * list.length)]!;
  if (roll < 0.12) return pick(COMMON);
  if (roll < 0.5) return pick(MEDIUM);
  if (roll < 0.5003) return pick(RARE);
  return pick(FILLER);
}

const escapeCopy = (value: string) => value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
const arrayLiteral = (values: string[]) => `{${values.map((v) => `"${v}"`).join(',')}}`;

function* imageRows(count: number, priceListId: number) {
  const random = seededRandom(20261123);
  const start = Date.UTC(2020, 0, 1);
  for (let index = 0; index < count; index++) {
    const titleWords = Array.from({ length: 3 + Math.floor(random() * 4) }, () => word(random));
    const keywords = [...new Set(Array.from({ length: 5 + Math.floor(random() * 8) }, () => word(random)))];
    const description = Array.from({ length: 10 + Math.floor(random() * 12) }, () => word(random)).join(' ');
    const landscape = random();
    const [width, height] = landscape < 0.6 ? [6000, 4000] : landscape < 0.9 ? [4000, 6000] : [5000, 5000];
    const rightsManaged = random() < 0.2;
    const release = ['released', 'not_needed', 'none'][Math.floor(random() * 3)]!;
    const people = random() < 0.45 ? 0 : 1 + Math.floor(random() * 5);
    const published = random() < 0.97;
    const publishedAt = new Date(start + index * 150_000).toISOString();
    const title = titleWords.join(' ');
    yield [
      escapeCopy(title.charAt(0).toUpperCase() + title.slice(1)),
      escapeCopy(description),
      arrayLiteral(keywords),
      CREATORS[index % CREATORS.length]!,
      `© ${CREATORS[index % CREATORS.length]} / Stockroom`,
      `20${String(10 + (index % 15)).padStart(2, '0')}-0${1 + (index % 9)}-1${index % 9}`,
      String(width),
      String(height),
      rightsManaged ? 'rights_managed' : 'royalty_free',
      rightsManaged ? '\\N' : String(priceListId),
      release,
      String(people),
      published ? 't' : 'f',
      published ? publishedAt : '\\N',
    ].join('\t') + '\n';
  }
}

export async function seedMillion(url: string, count: number, log: (line: string) => void) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`insert into price_lists (name, currency) values ('Standard', 'EUR') on conflict (name) do nothing`);
    const { rows } = await client.query<{ id: number }>(`select id from price_lists where name = 'Standard'`);
    const priceListId = rows[0]!.id;
    await client.query(
      `insert into price_tiers (price_list_id, tier, long_edge_px, price_minor) values ($1,'S',800,1900),($1,'M',1600,3900),($1,'L',3000,6900),($1,'XL',6000,11900) on conflict do nothing`,
      [priceListId],
    );
    const indexes = await client.query<{ indexname: string; indexdef: string }>(
      `select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename = 'images' and indexname <> 'images_pkey'`,
    );
    // The cascade reaches invoice_lines, whose trigger refuses TRUNCATE (issued invoices are immutable);
    // this is the bench's own database, so the replica role lets the trigger sleep for this statement.
    await client.query(`set session_replication_role = replica`);
    await client.query('truncate images restart identity cascade');
    await client.query(`reset session_replication_role`);
    for (const index of indexes.rows) await client.query(`drop index ${client.escapeIdentifier(index.indexname)}`);

    let started = Date.now();
    await pipeline(
      Readable.from(imageRows(count, priceListId)),
      client.query(
        copyFrom(
          'copy images (title, description, keywords, creator_name, credit_line, captured_on, width, height, licence_model, price_list_id, model_release, people_count, published, published_at) from stdin',
        ),
      ),
    );
    log(`copied ${count.toLocaleString('en')} images in ${((Date.now() - started) / 1000).toFixed(0)} s`);

    started = Date.now();
    await client.query(`
      insert into image_media (image_id, original_key, original_mime, original_bytes, original_sha256, thumb_key, thumb_width, thumb_height, preview_key, preview_width, preview_height)
      select id, md5('o' || id), 'image/jpeg', 0, md5('s' || id), md5('t' || id), 400, 267, md5('p' || id), 1000, 667 from images`);
    log(`placeholder media rows in ${((Date.now() - started) / 1000).toFixed(0)} s`);

    started = Date.now();
    await client.query('set maintenance_work_mem = \'512MB\'');
    for (const index of indexes.rows) await client.query(index.indexdef);
    await client.query('vacuum analyze images');
    await client.query('vacuum analyze image_media');
    log(`indexes rebuilt and analysed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await client.end();
  }
}
