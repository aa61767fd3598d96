/**
 * The single source of what each staff role may do. Every staff page, action and route asks
 * requireStaff(permission) (lib/staff/require-staff.ts) for one of these; nothing else decides.
 * Least privilege: a role gets what its work needs and nothing more; only superadmin has all.
 */
export const permissions = {
  'backoffice.enter': 'Open the back office and its dashboard',
  'customers.read': "Open a customer's personal data (asks for a purpose; audited)",
  'customers.manage': 'Lock and unlock customers, end their sessions, send reset mails, change login e-mails',
  'privacy.requests': 'Handle data-subject requests: access, export, erasure',
  'orders.manage': 'Orders, invoices, credit notes and quotes',
  'messages.manage': 'Messages and search requests from customers',
  'catalog.manage': 'Images, price lists and reservations',
  'settings.manage': 'Site settings and texts (privacy policy, registration texts)',
  'security.manage': 'Security policy: allowlists, blocks, second-factor roles, thresholds',
  'security.read': 'The access log, blocks and active staff sessions',
  'audit.read': 'The audit trail and its CSV export',
  'staff.manage': 'Staff accounts below admin: invite, change role, lock, reset factors',
  'staff.manageAdmins': 'Admin and superadmin accounts',
  'marketing.send': 'Write and send the newsletter to customers who consented to marketing mail',
} as const;

export type TPermission = keyof typeof permissions;

export const staffRoles = ['superadmin', 'admin', 'privacy_officer', 'sales', 'catalog'] as const;
export type TStaffRole = (typeof staffRoles)[number];

export const staffRoleLabels: Record<TStaffRole, string> = {
  superadmin: 'Superadmin',
  admin: 'Admin',
  privacy_officer: 'Privacy officer',
  sales: 'Sales',
  catalog: 'Catalog',
};

const allPermissions = Object.keys(permissions) as TPermission[];

export const rolePermissions: Record<TStaffRole, readonly TPermission[]> = {
  superadmin: allPermissions,
  admin: ['backoffice.enter', 'settings.manage', 'security.manage', 'security.read', 'audit.read', 'staff.manage', 'marketing.send'],
  privacy_officer: ['backoffice.enter', 'customers.read', 'customers.manage', 'privacy.requests', 'security.read', 'audit.read'],
  sales: ['backoffice.enter', 'orders.manage', 'messages.manage'],
  catalog: ['backoffice.enter', 'catalog.manage'],
};

export function roleHasPermission(role: TStaffRole, permission: TPermission): boolean {
  return rolePermissions[role].includes(permission);
}

export function isStaffRole(value: unknown): value is TStaffRole {
  return typeof value === 'string' && (staffRoles as readonly string[]).includes(value);
}
