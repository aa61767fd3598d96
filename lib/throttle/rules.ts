import type { TThrottleRule } from './hit-throttle';

/** Limits for account endpoints. Stronger brute-force handling (blocks, alerts) comes with staff security. */
export const throttleRules = {
  /**
   * The back-off of one account as seen from one client: its address (an IPv6 /64), or the device
   * cookie of a browser that signed in to the account before. A stranger's failures slow only the stranger.
   */
  loginFailuresPerAccountAndClient: { scope: 'login-fail:account-client', limit: 10, windowSeconds: 15 * 60 },
  /** Every address together, against guessing from rotating addresses; a browser with the account's device cookie is not held by it. */
  loginFailuresPerAccount: { scope: 'login-fail:account-wide', limit: 100, windowSeconds: 60 * 60 },
  /** Site-wide: one address guessing across accounts. */
  loginFailuresPerIp: { scope: 'login-fail:ip', limit: 30, windowSeconds: 15 * 60 },
  /** Wrong PINs, codes and recovery codes of one staff account from one client (address or known browser). */
  staffFactorFailuresPerAccountAndClient: { scope: 'staff-factor-fail:account-client', limit: 10, windowSeconds: 15 * 60 },
  /** The same across every address; a browser that completed a sign-in to the account before is not held by it. */
  staffFactorFailuresPerAccount: { scope: 'staff-factor-fail:account-wide', limit: 30, windowSeconds: 60 * 60 },
  registrationsPerIp: { scope: 'register:ip', limit: 10, windowSeconds: 60 * 60 },
  registrationsPerEmail: { scope: 'register:email', limit: 3, windowSeconds: 60 * 60 },
  currentPasswordFailuresPerAccount: { scope: 'current-password-fail:account', limit: 5, windowSeconds: 15 * 60 },
  mailLinksPerEmail: { scope: 'mail-link:email', limit: 3, windowSeconds: 60 * 60 },
  mailLinksPerIp: { scope: 'mail-link:ip', limit: 20, windowSeconds: 60 * 60 },
  /** Share mails (lightboxes, images), counted per recipient: a customer's account cannot become a way to send mass mail. */
  shareMailsPerSender: { scope: 'share-mail:sender', limit: 30, windowSeconds: 24 * 60 * 60 },
  /** One address gets at most a few share mails a day, whoever sends them. */
  shareMailsPerRecipient: { scope: 'share-mail:recipient', limit: 5, windowSeconds: 24 * 60 * 60 },
} satisfies Record<string, TThrottleRule>;
