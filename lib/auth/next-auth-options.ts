import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { cookies } from 'next/headers';
import { secretsEnv } from '@/lib/env';
import { readGuestKey } from '@/lib/visitors/guest-visitor';
import { clientInfoFrom } from '@/lib/http/client-info';
import { logLine } from '@/lib/log/log-line';
import { errorSummary } from '@/lib/log/error-summary';
import { safeReturnPath } from './guards';
import { rememberedEmailCookie } from './remembered-email';
import { signInDeviceCookie } from './sign-in-device';
import { endSession } from './sessions/end-sessions';
import { loadSession } from './sessions/load-session';
import {
  callbackCookieName,
  csrfCookieName,
  SESSION_TOKEN_MAX_AGE_SECONDS,
  sessionCookie,
} from './sessions/session-cookie';
import { consentIdCookie } from '@/lib/cookie-consent/consent-cookies';
import { signInWithPassword, type TSignInResult } from './sign-in-with-password';

/**
 * next-auth handles the credentials sign-in request (its CSRF check, cookie writing). The token it
 * writes carries only our session id; every request is then checked against the sessions table by
 * lib/auth/guards.ts, not by next-auth's own session endpoint.
 */
export function nextAuthOptions(): NextAuthOptions {
  const session = sessionCookie();
  const sharedCookieOptions = { httpOnly: true, sameSite: 'lax' as const, path: '/', secure: session.options.secure };
  return {
    secret: secretsEnv().AUTH_SECRET,
    session: { strategy: 'jwt', maxAge: SESSION_TOKEN_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_TOKEN_MAX_AGE_SECONDS },
    pages: { signIn: '/login', error: '/login' },
    cookies: {
      sessionToken: { name: session.name, options: session.options },
      csrfToken: { name: csrfCookieName(), options: sharedCookieOptions },
      callbackUrl: { name: callbackCookieName(), options: sharedCookieOptions },
    },
    providers: [
      CredentialsProvider({
        name: 'E-mail and password',
        credentials: {
          email: { label: 'E-mail', type: 'email' },
          password: { label: 'Password', type: 'password' },
          remember: { label: 'Keep me signed in', type: 'checkbox' },
          rememberEmail: { label: 'Remember my e-mail', type: 'checkbox' },
        },
        async authorize(credentials, request) {
          let result: TSignInResult;
          try {
            const jar = await cookies();
            const device = signInDeviceCookie();
            result = await signInWithPassword(
              credentials ?? {},
              clientInfoFrom(request.headers ?? {}),
              jar.get(device.name)?.value ?? null,
              await readGuestKey(),
              jar.get(consentIdCookie().name)?.value ?? null,
            );
            if (result.ok) {
              jar.set(device.name, result.deviceCookie, device.options);
              // Only an address that signed in is remembered, never one that was merely typed.
              await rememberEmailChoice(credentials?.email, credentials?.rememberEmail === 'true' || credentials?.rememberEmail === 'on');
            }
          } catch (error) {
            // next-auth would put the message in the URL it answers with; it may carry query parameters.
            logLine('error', 'auth', `sign-in failed unexpectedly (${errorSummary(error)})`);
            throw new Error('unavailable');
          }
          // next-auth passes this message to the sign-in form as `error`; it names a case, never a detail.
          if (!result.ok) throw new Error(result.retryAfterSeconds ? `${result.code}:${result.retryAfterSeconds}` : result.code);
          return { id: result.sessionToken };
        },
      }),
    ],
    callbacks: {
      // Keep nothing in the token but the session id (no name, e-mail or picture).
      jwt: ({ token, user }) => (user ? { sid: user.id } : { sid: token.sid }),
      session: async ({ session, token }) => {
        const loaded = await loadSession(typeof token.sid === 'string' ? token.sid : null);
        return { expires: session.expires, ...(loaded.state === 'active' ? { user: { name: loaded.fullName } } : {}) };
      },
      redirect: ({ url, baseUrl }) => {
        if (url.startsWith(baseUrl)) return `${baseUrl}${safeReturnPath(url.slice(baseUrl.length), '/')}`;
        return `${baseUrl}${safeReturnPath(url, '/')}`;
      },
    },
    events: {
      signOut: async ({ token }) => {
        const loaded = await loadSession(typeof token?.sid === 'string' ? token.sid : null);
        if (loaded.state === 'active') await endSession(loaded.sessionId, 'logout');
      },
    },
  };
}

/** "Remember my e-mail", after a successful sign-in: only the login name, only when ticked; unticking forgets it. */
async function rememberEmailChoice(email: string | undefined, remember: boolean) {
  const jar = await cookies();
  const cookie = rememberedEmailCookie();
  if (remember && email) jar.set(cookie.name, email.trim().slice(0, 320), cookie.options);
  else if (jar.has(cookie.name)) jar.delete({ name: cookie.name, path: cookie.options.path, secure: cookie.options.secure, httpOnly: true, sameSite: 'lax' });
}
