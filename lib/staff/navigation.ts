import { roleHasPermission, type TPermission, type TStaffRole } from './permissions';

/** The back office's pages with the permission each needs: the navigation shows a role only its own. */
export const staffSections: ReadonlyArray<{ href: string; label: string; permission: TPermission }> = [
  { href: '/staff', label: 'Dashboard', permission: 'backoffice.enter' },
  { href: '/staff/access-log', label: 'Access log', permission: 'security.read' },
  { href: '/staff/audit', label: 'Audit trail', permission: 'audit.read' },
  { href: '/staff/settings', label: 'Settings', permission: 'settings.manage' },
  { href: '/staff/security-policy', label: 'Security policy', permission: 'security.read' },
  { href: '/staff/staff-accounts', label: 'Staff accounts', permission: 'staff.manage' },
  { href: '/staff/security', label: 'My security', permission: 'backoffice.enter' },
  { href: '/staff/customers', label: 'Customers', permission: 'customers.read' },
  { href: '/staff/catalog', label: 'Catalog', permission: 'catalog.manage' },
  { href: '/staff/catalog/price-lists', label: 'Price lists', permission: 'catalog.manage' },
  { href: '/staff/vat-rates', label: 'VAT rates', permission: 'settings.manage' },
  { href: '/staff/orders', label: 'Orders', permission: 'orders.manage' },
  { href: '/staff/invoices', label: 'Invoices', permission: 'orders.manage' },
  { href: '/staff/privacy-records', label: 'Record of processing', permission: 'privacy.requests' },
  { href: '/staff/texts', label: 'Texts', permission: 'settings.manage' },
  { href: '/staff/retention', label: 'Retention', permission: 'settings.manage' },
  { href: '/staff/privacy-requests', label: 'Privacy requests', permission: 'privacy.requests' },
  { href: '/staff/newsletter', label: 'Newsletter', permission: 'marketing.send' },
  { href: '/staff/usage', label: 'Usage statistics', permission: 'backoffice.enter' },
  { href: '/staff/cookies', label: 'Cookie scripts', permission: 'settings.manage' },
];

export const staffSectionsFor = (role: TStaffRole) => staffSections.filter((section) => roleHasPermission(role, section.permission));
