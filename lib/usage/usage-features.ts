/** The functions whose use is counted per day, with the label the dashboard shows. Names only: a count says nothing about who. */
export const usageFeatures = {
  search: 'Searches',
  preview: 'Image pages opened',
  'comp-download': 'Comp downloads',
  'lightbox-add': 'Images added to lightboxes',
  'cart-add': 'Licences added to carts',
  checkout: 'Orders placed',
  register: 'Registrations',
  'sign-in': 'Customer sign-ins',
  'data-export': 'Data exports asked for',
  unsubscribe: 'One-click unsubscribes',
  'cookie-accept-all': 'Cookie banner: Accept all',
  'cookie-reject-all': 'Cookie banner: Reject all',
  'cookie-settings-choice': 'Cookie choices made in Cookie settings',
} as const;

export type TUsageFeature = keyof typeof usageFeatures;

export const usageFeatureNames = Object.keys(usageFeatures) as TUsageFeature[];

/** The function each kind of recorded visit counts as (lib/activity): a visit is counted whether or not its activity row is kept. */
export const activityUsageFeature = {
  search: 'search',
  preview_view: 'preview',
  comp_download: 'comp-download',
  login: 'sign-in',
} as const satisfies Record<string, TUsageFeature>;
