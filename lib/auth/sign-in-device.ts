import 'server-only';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { secretsEnv, serverEnv } from '@/lib/env';

/** Browsers cap a cookie's lifetime at 400 days; a browser that keeps signing in keeps it longer. */
const DEVICE_COOKIE_MAX_AGE_SECONDS = 400 * 86_400;

/**
 * "This browser has signed in to this account before": set at every successful sign-in, so the
 * owner's own browser is not held by the account-wide back-off that rotating-address guessing
 * triggers. It holds a random device id and a keyed hash binding it to the account's e-mail, so
 * it cannot be made for another account, and nothing about it is stored on the server. A strictly
 * necessary security cookie: HttpOnly, SameSite=Lax, Secure (and `__Host-`) under HTTPS.
 */
export function signInDeviceCookie() {
  const secure = serverEnv().APP_URL.startsWith('https://');
  return {
    name: secure ? '__Host-stockroom.device' : 'stockroom.device',
    options: { httpOnly: true, sameSite: 'lax' as const, path: '/', secure, maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS },
  };
}

const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;

const deviceMac = (email: string, deviceId: string) =>
  createHmac('sha256', secretsEnv().AUTH_SECRET).update(`sign-in-device\0${email.trim().toLowerCase()}\0${deviceId}`).digest();

/** The device id a cookie value proves for this e-mail; null when absent, altered or made for another account. */
export function knownDeviceOf(cookieValue: string | null | undefined, email: string): string | null {
  if (!cookieValue || !email) return null;
  const [deviceId, mac, ...rest] = cookieValue.split('.');
  if (!deviceId || !mac || rest.length > 0 || !DEVICE_ID.test(deviceId)) return null;
  const expected = deviceMac(email, deviceId);
  const given = Buffer.from(mac, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected) ? deviceId : null;
}

/** The cookie value after a successful sign-in: the browser keeps its device id when it already had one for this account. */
export function deviceCookieValue(email: string, knownDeviceId: string | null): string {
  const deviceId = knownDeviceId ?? randomBytes(16).toString('base64url');
  return `${deviceId}.${deviceMac(email, deviceId).toString('base64url')}`;
}
