import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

export const licenceModel = pgEnum('licence_model', ['royalty_free', 'rights_managed']);
export const modelReleaseStatus = pgEnum('model_release_status', ['released', 'not_needed', 'none']);
export const orientation = pgEnum('orientation', ['landscape', 'portrait', 'square']);
export const sizeTier = pgEnum('size_tier', ['S', 'M', 'L', 'XL']);

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const priceLists = pgTable('price_lists', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  name: text('name').notNull().unique(),
  currency: text('currency').notNull().default('EUR'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const priceTiers = pgTable(
  'price_tiers',
  {
    priceListId: integer('price_list_id')
      .notNull()
      .references(() => priceLists.id, { onDelete: 'cascade' }),
    tier: sizeTier('tier').notNull(),
    longEdgePx: integer('long_edge_px').notNull(),
    priceMinor: integer('price_minor').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.priceListId, table.tier] }),
    check('price_tiers_positive', sql`${table.longEdgePx} > 0 and ${table.priceMinor} >= 0`),
  ],
);

export const images = pgTable(
  'images',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
    creatorName: text('creator_name').notNull().default(''),
    creditLine: text('credit_line').notNull().default(''),
    capturedOn: date('captured_on', { mode: 'string' }),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    orientation: orientation('orientation')
      .notNull()
      .generatedAlwaysAs(
        sql`case when abs(width - height) * 50 <= greatest(width, height) then 'square'::orientation when width > height then 'landscape'::orientation else 'portrait'::orientation end`,
      ),
    licenceModel: licenceModel('licence_model').notNull(),
    priceListId: integer('price_list_id').references(() => priceLists.id),
    modelRelease: modelReleaseStatus('model_release').notNull(),
    peopleCount: smallint('people_count').notNull().default(0),
    published: boolean('published').notNull().default(false),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    searchVector: tsvector('search_vector')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', stockroom_keywords_text(keywords)), 'B') || setweight(to_tsvector('english', description), 'C')`,
      ),
  },
  (table) => [
    check('images_dimensions_positive', sql`${table.width} > 0 and ${table.height} > 0`),
    check('images_people_count', sql`${table.peopleCount} >= 0`),
    check('images_title_length', sql`char_length(${table.title}) between 1 and 300`),
    check(
      'images_price_list_matches_licence',
      sql`(${table.licenceModel} = 'royalty_free') = (${table.priceListId} is not null)`,
    ),
    check('images_published_at', sql`not ${table.published} or ${table.publishedAt} is not null`),
    index('images_search_vector_idx').using('gin', table.searchVector).where(sql`${table.published}`),
    index('images_newest_idx')
      .on(table.publishedAt.desc(), table.id.desc())
      .where(sql`${table.published}`),
    // Filter-only searches and their capped counts: selective combinations read the index, not 100k rows.
    index('images_filters_idx')
      .on(table.orientation, table.licenceModel, table.modelRelease, table.peopleCount)
      .where(sql`${table.published}`),
  ],
);
