import 'server-only';
import { generateURI } from 'otplib';
import QRCode from 'qrcode';
import { getSetting } from '@/lib/settings/get-setting';

/**
 * What an authenticator app needs to add the account: the otpauth:// URI, and that URI as a QR code
 * (SVG, drawn here, so the secret never goes to a third-party QR service).
 */
export async function totpEnrolmentView(secret: string, accountLabel: string): Promise<{ otpauthUri: string; qrSvg: string }> {
  const otpauthUri = generateURI({ issuer: await getSetting('site.name'), label: accountLabel, secret });
  const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { otpauthUri, qrSvg };
}
