import 'server-only';
import { serverEnv } from '@/lib/env';
import { formatIp } from './ip-address';

/** TRUSTED_PROXIES as written ranges (203.0.113.0/24, 2001:db8::1/128), for showing on the security-policy page. */
export function trustedProxyRanges(): string[] {
  return serverEnv().TRUSTED_PROXIES.map((range) => `${formatIp({ version: range.version, value: range.network })}/${range.prefix}`);
}
