import 'server-only';
import { serverEnv } from '@/lib/env';

export function rememberedEmailCookie() {
  const secure = serverEnv().APP_URL.startsWith('https://');
  return {
    name: secure ? '__Host-stockroom.login-email' : 'stockroom.login-email',
    options: { httpOnly: true, sameSite: 'lax' as const, path: '/', secure, maxAge: 365 * 86_400 },
  };
}
