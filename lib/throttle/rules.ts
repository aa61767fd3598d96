import type { TThrottleRule } from './hit-throttle';

/** Limits for account endpoints. Stronger brute-force handling (blocks, alerts) comes with staff security. */
export const throttleRules = {
  loginFailuresPerAccount: { scope: 'login-fail:account', limit: 10, windowSeconds: 15 * 60 },
  loginFailuresPerIp: { scope: 'login-fail:ip', limit: 30, windowSeconds: 15 * 60 },
  registrationsPerIp: { scope: 'register:ip', limit: 10, windowSeconds: 60 * 60 },
  registrationsPerEmail: { scope: 'register:email', limit: 3, windowSeconds: 60 * 60 },
  currentPasswordFailuresPerAccount: { scope: 'current-password-fail:account', limit: 5, windowSeconds: 15 * 60 },
  mailLinksPerEmail: { scope: 'mail-link:email', limit: 3, windowSeconds: 60 * 60 },
  mailLinksPerIp: { scope: 'mail-link:ip', limit: 20, windowSeconds: 60 * 60 },
} satisfies Record<string, TThrottleRule>;
