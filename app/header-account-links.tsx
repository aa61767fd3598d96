import Link from 'next/link';
import { logoutAction } from './(auth)/logout/actions';
import { getOptionalUser } from '@/lib/auth/guards';
import { signedInStaff } from '@/lib/staff/require-staff';

/** The account part of the header: sign in and register, My Account and sign out, or the way back to the back office. */
export async function HeaderAccountLinks() {
  const user = await getOptionalUser();
  if (!user && (await signedInStaff())) {
    // A staff session is not a customer's: no My Account, and signing out happens in the back office.
    return (
      <Link href="/staff" className="hover:text-brand-700">
        Back office
      </Link>
    );
  }
  if (!user) {
    return (
      <>
        {/* The same for every guest (cached pages carry it): the page itself shows what this guest kept. */}
        <Link href="/lightbox" className="hover:text-brand-700">
          Lightbox
        </Link>
        <Link href="/login" className="hover:text-brand-700">
          Sign in
        </Link>
        <Link href="/register" className="rounded-md bg-brand-700 px-3 py-1.5 text-white hover:bg-brand-800">
          Register
        </Link>
      </>
    );
  }
  return (
    <>
      <Link href="/account/lightboxes" className="hover:text-brand-700">
        Lightboxes
      </Link>
      <Link href="/account" className="hover:text-brand-700">
        My account
      </Link>
      <form action={logoutAction}>
        <button type="submit" className="font-medium text-neutral-700 hover:text-brand-700">
          Sign out
        </button>
      </form>
    </>
  );
}
