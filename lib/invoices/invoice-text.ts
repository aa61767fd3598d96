import type { TVatTreatment } from './vat-notes';

/** How an invoice's parts read, the same on the page, in the PDF, the CSV and the mails. */
export const invoiceKindLabels = { invoice: 'Invoice', credit_note: 'Credit note' } as const;

export const vatTreatmentLabels: Record<TVatTreatment, string> = {
  domestic: "VAT at the seller's rate",
  oss_destination: "VAT at the buyer's country's rate (OSS)",
  under_threshold: "VAT at the seller's rate (under the EU threshold)",
  reverse_charge: 'Reverse charge',
  export: 'Outside the scope of EU VAT (export)',
};

const vatRateNumber = new Intl.NumberFormat('en-IE', { maximumFractionDigits: 2 });

/** 2100 -> '21%', 950 -> '9.5%', 0 -> '0%'. */
export function formatVatRate(basisPoints: number): string {
  return `${vatRateNumber.format(basisPoints / 100)}%`;
}

const regionNames = new Intl.DisplayNames('en-IE', { type: 'region', fallback: 'none' });

/** 'DE' -> 'Germany'; an unknown code is shown as it is. */
export function countryNameOf(code: string): string {
  try {
    return regionNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

type TBuyer = {
  buyerName: string;
  buyerCompany: string | null;
  buyerAddressLine1: string;
  buyerAddressLine2: string | null;
  buyerPostalCode: string;
  buyerCity: string;
  buyerCountryCode: string;
};

/** The buyer's name and address as printed (art. 226(5)): company first when there is one, then the person. */
export function buyerLines(invoice: TBuyer): string[] {
  return [
    invoice.buyerCompany,
    invoice.buyerName,
    invoice.buyerAddressLine1,
    invoice.buyerAddressLine2,
    `${invoice.buyerPostalCode} ${invoice.buyerCity}`,
    countryNameOf(invoice.buyerCountryCode),
  ].filter((line): line is string => Boolean(line && line.trim()));
}

/** The seller's address as the setting holds it, one line per line. */
export const sellerAddressLines = (address: string) =>
  address
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
