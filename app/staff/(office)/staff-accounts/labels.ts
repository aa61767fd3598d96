import type { TStaffAccountRow } from '@/lib/staff/accounts/list-staff-accounts';

export const STATUS_LABELS: Record<TStaffAccountRow['status'], string> = {
  active: 'Active',
  pending: 'Invited',
  disabled: 'Locked',
};

/** A pending account: whether its link still works (it is valid 24 hours, once). */
export const statusText = (row: TStaffAccountRow) => (row.status === 'pending' ? (row.invitationOpen ? 'Invited (link open)' : 'Invited (link expired)') : STATUS_LABELS[row.status]);
