import Link from 'next/link';
import { logoutAction } from './(auth)/logout/actions';
import { getOptionalUser } from '@/lib/auth/guards';

/** The account part of the header: sign in and register, or My Account and sign out. */
export async function HeaderAccountLinks() {
  const user = await getOptionalUser();
  if (!user) {
    return (
      <>
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
