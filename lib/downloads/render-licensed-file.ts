import 'server-only';
import sharp from 'sharp';

export type TLicenceFacts = {
  /** The copyright holder as the catalog credits them: the credit line, else the creator's name. */
  copyright: string;
  creator: string;
  title: string;
  orderNumber: number;
  licenceTermsVersion: string;
};

export const LICENCE_NAME = 'Royalty-free licence';

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[character]!);

/** The licence statement written into the file: licence, terms version and the buyer's order number. */
export const usageTerms = (facts: TLicenceFacts) =>
  `${LICENCE_NAME}, licence terms version ${facts.licenceTermsVersion}, order ${facts.orderNumber}.`;

/**
 * An XMP packet with the licence facts, in the fields picture desks read: Dublin Core rights and
 * creator, XMP Rights usage terms, Photoshop credit and "transmission reference" (the IPTC Job
 * Identifier, here the order number) and IPTC Core's copyright-holder fields. Values are escaped:
 * a title is text a cataloguer typed.
 */
export function licenceXmp(facts: TLicenceFacts): string {
  const text = (value: string) => escapeXml(value);
  const alt = (value: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${text(value)}</rdf:li></rdf:Alt>`;
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about=""',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
    ' xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"',
    ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"',
    ` photoshop:Credit="${text(facts.copyright)}"`,
    ` photoshop:TransmissionReference="${facts.orderNumber}"`,
    ' xmpRights:Marked="True">',
    `<dc:title>${alt(facts.title)}</dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${text(facts.creator || facts.copyright)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:rights>${alt(`© ${facts.copyright}`)}</dc:rights>`,
    `<xmpRights:UsageTerms>${alt(usageTerms(facts))}</xmpRights:UsageTerms>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('');
}

/**
 * The licensed file: the original turned upright, scaled to exactly the size bought (the order
 * line's pixel size, never larger than the original since tierPixelSize capped it), as a JPEG with
 * the licence facts in XMP and in EXIF (Copyright, Artist, ImageDescription). The original's own
 * metadata is dropped: it may carry GPS positions or camera serial numbers. IPTC-IIM cannot be
 * written by sharp; its fields live on in XMP (IPTC Core), which current software reads.
 */
export async function renderLicensedFile(original: Buffer, size: { width: number; height: number }, facts: TLicenceFacts): Promise<Buffer> {
  return sharp(original, { failOn: 'truncated' })
    .autoOrient()
    .resize(size.width, size.height, { fit: 'fill' })
    .toColourspace('srgb')
    .withExif({
      IFD0: {
        Copyright: `© ${facts.copyright}`.slice(0, 500),
        Artist: (facts.creator || facts.copyright).slice(0, 200),
        ImageDescription: usageTerms(facts),
      },
    })
    .withXmp(licenceXmp(facts))
    .jpeg({ quality: 92, chromaSubsampling: '4:4:4' })
    .toBuffer();
}
