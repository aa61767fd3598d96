import { connection } from 'next/server';
import { securityTxt } from '@/lib/http/security-txt';

/** RFC 9116 security.txt, rendered per request: its Expires moves with the clock and its address is a setting. */
export async function GET() {
  await connection();
  return new Response(await securityTxt(), {
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=86400' },
  });
}
