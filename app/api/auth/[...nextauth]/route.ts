import NextAuth from 'next-auth';
import { nextAuthOptions } from '@/lib/auth/next-auth-options';

type TContext = { params: Promise<{ nextauth: string[] }> };

// Options are built per request: they read the secret and the cookie names from the environment.
const handler = (request: Request, context: TContext) => NextAuth(request as never, context as never, nextAuthOptions());

export { handler as GET, handler as POST };
