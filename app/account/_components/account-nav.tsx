import { SectionNav } from '@/app/_components/section-nav';

const SECTIONS = [
  { href: '/account', label: 'Details' },
  { href: '/account/orders', label: 'Orders' },
  { href: '/account/invoices', label: 'Invoices' },
  { href: '/account/downloads', label: 'Downloads' },
  { href: '/account/lightboxes', label: 'Lightboxes' },
  { href: '/account/shares', label: 'Shares' },
  { href: '/account/sessions', label: 'Sign-ins' },
  { href: '/account/attempts', label: 'Sign-in attempts' },
  { href: '/account/activity', label: 'Activity' },
  { href: '/account/password', label: 'Password' },
  { href: '/account/privacy', label: 'Privacy & marketing' },
  { href: '/account/data', label: 'My data' },
  { href: '/account/delete', label: 'Delete my account' },
] as const;

/** My Account's sections. */
export function AccountNav() {
  return <SectionNav label="My Account" sections={SECTIONS} />;
}
