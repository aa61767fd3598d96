/** How the back office names an account's status. */
export const STATUS_LABELS: Record<'pending' | 'active' | 'disabled', string> = {
  pending: 'Not activated',
  active: 'Active',
  disabled: 'Locked',
};
