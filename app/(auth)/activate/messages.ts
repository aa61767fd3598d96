/** What the page says after a resend request, whether or not the address has a pending account. */
export const ACTIVATION_SENT_MESSAGE =
  'If an account with that address is waiting to be activated, a new activation link is on its way. It is valid for 24 hours; earlier links no longer work.';
