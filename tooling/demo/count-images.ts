import 'server-only';
import { count } from 'drizzle-orm';
import { images } from '@/db/schema';
import { db } from '@/lib/db/client';

export async function countImages(): Promise<number> {
  const [row] = await db.select({ value: count() }).from(images);
  return row?.value ?? 0;
}
