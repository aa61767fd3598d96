/** An inline text link: brand colour, always underlined. */
export const linkClass = 'font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800';
