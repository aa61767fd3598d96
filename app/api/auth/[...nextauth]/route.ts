import NextAuth from 'next-auth';
import { nextAuthOptions } from '@/lib/auth/next-auth-options';
import { withSessionCookieLifetime } from '@/lib/auth/sessions/next-auth-session-cookie';

type TContext = { params: Promise<{ nextauth: string[] }> };

// Options are built per request: they read the secret and the cookie names from the environment.
// next-auth writes its session cookie with a fixed lifetime; it leaves with the lifetime of its session.
const handler = async (request: Request, context: TContext) =>
  withSessionCookieLifetime(await (NextAuth(request as never, context as never, nextAuthOptions()) as Promise<Response>));

export { handler as GET, handler as POST };
