import { parseArgs } from 'node:util';
import { z } from 'zod';
import { runScript } from './run-script';

const USAGE =
  'Usage: npm run media:ingest -- <files...> [--publish] [--title "..."] [--description "..."] [--keywords a,b] ' +
  '[--creator "..."] [--credit "..."] [--licence royalty_free|rights_managed] [--release released|not_needed|none] [--people N]';

const ZFlags = z.object({
  publish: z.boolean(),
  title: z.string().optional(),
  description: z.string().optional(),
  keywords: z
    .string()
    .optional()
    .transform((value) => value?.split(',')),
  creator: z.string().optional(),
  credit: z.string().optional(),
  licence: z.enum(['royalty_free', 'rights_managed'], { error: '--licence must be royalty_free or rights_managed' }).optional(),
  release: z.enum(['released', 'not_needed', 'none'], { error: '--release must be released, not_needed or none' }).optional(),
  people: z
    .string()
    .regex(/^\d{1,4}$/, '--people must be a whole number, 0 or more')
    .transform(Number)
    .optional(),
});

function parseCommandLine() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      publish: { type: 'boolean', default: false },
      title: { type: 'string' },
      description: { type: 'string' },
      keywords: { type: 'string' },
      creator: { type: 'string' },
      credit: { type: 'string' },
      licence: { type: 'string' },
      release: { type: 'string' },
      people: { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new Error(`No files given.\n${USAGE}`);
  const flags = ZFlags.safeParse(values);
  if (!flags.success) throw new Error(`${flags.error.issues.map((issue) => issue.message).join('; ')}\n${USAGE}`);
  const { title, description, keywords, creator, credit, licence, release, people } = flags.data;
  return {
    files: positionals,
    publish: flags.data.publish,
    metadata: {
      title,
      description,
      keywords,
      creatorName: creator,
      creditLine: credit,
      licenceModel: licence,
      modelRelease: release,
      peopleCount: people,
    },
  };
}

/**
 * `npm run media:ingest -- photo.jpg other.tif --publish`: ingests each file into the configured
 * database (or the embedded one), one line per file, and exits 1 when any file failed.
 */
runScript(async () => {
  let commandLine: ReturnType<typeof parseCommandLine>;
  try {
    commandLine = parseCommandLine();
  } catch (error) {
    // parseArgs names unknown options itself; add the usage to its message.
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message.includes('Usage:') ? message : `${message}\n${USAGE}`);
  }

  const { resolveDatabase } = await import('@/lib/db/resolve-database');
  const { migrateDatabase } = await import('@/lib/db/migrate');
  const database = await resolveDatabase();
  let failed = 0;
  try {
    await migrateDatabase(database.url);
    // Imported only now: lib/db/client reads DATABASE_URL when it loads.
    const { ingestImage } = await import('@/lib/media/ingest-image');
    const { AppError } = await import('@/lib/errors');
    const { closeDatabase } = await import('@/lib/db/client');
    try {
      for (const file of commandLine.files) {
        try {
          const { imageId } = await ingestImage({ source: file, metadata: commandLine.metadata, publish: commandLine.publish });
          console.log(`${file}: image ${imageId}${commandLine.publish ? ' (published)' : ''}`);
        } catch (error) {
          failed += 1;
          const reason = error instanceof AppError ? error.userMessage : error instanceof Error ? error.message : String(error);
          console.error(`${file}: FAILED: ${reason}`);
        }
      }
    } finally {
      await closeDatabase();
    }
  } finally {
    await database.stop();
  }
  if (failed > 0) throw new Error(`${failed} of ${commandLine.files.length} files failed.`);
});
