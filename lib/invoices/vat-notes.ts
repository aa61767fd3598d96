import type { vatTreatment } from '@/db/schema';

export type TVatTreatment = (typeof vatTreatment.enumValues)[number];

/**
 * The note an invoice must carry when it charges no VAT (art. 226(11) and (11a) VAT Directive);
 * null when VAT is charged.
 */
export const vatNoteFor = (treatment: TVatTreatment): string | null => {
  switch (treatment) {
    case 'reverse_charge':
      return 'Reverse charge: VAT to be accounted for by the recipient (art. 196 Directive 2006/112/EC).';
    case 'export':
      return 'Not subject to EU VAT: electronically supplied service to a customer outside the EU (art. 59 Directive 2006/112/EC).';
    case 'domestic':
    case 'oss_destination':
    case 'under_threshold':
      return null;
  }
};
