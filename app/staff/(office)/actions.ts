'use server';

import { redirect } from 'next/navigation';
import { publicActionClient } from '@/lib/actions/action-client';
import { plainFormAction } from '@/lib/actions/form-action';
import { signOut } from '@/lib/auth/session-cookie-store';

/** Ends the staff session on the server and goes back to the staff sign-in. */
export const staffSignOutAction = plainFormAction(
  publicActionClient.metadata({ name: 'staff.sign-out' }).action(async () => {
    await signOut();
    redirect('/staff/login');
  }),
);
