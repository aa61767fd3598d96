/** What the page says after a reset request, whether or not the address has an account. */
export const RESET_SENT_MESSAGE =
  'If an account uses that address, we have sent it a link to choose a new password. The link is valid for 1 hour and works once.';
