import 'server-only';
import type { TClientInfo } from '@/lib/http/client-info';
import { throttleAddressKey } from '@/lib/throttle/address-key';
import type { TThrottleRule } from '@/lib/throttle/hit-throttle';
import { throttleRules } from '@/lib/throttle/rules';

/**
 * What a PIN or code attempt counts against, like a password attempt: the address across accounts,
 * the account from this client (address, or a browser that completed a sign-in to it before), and
 * the account from everywhere, which that known browser skips, so nobody can lock the owner out.
 */
export function staffFactorCounters(userId: string, client: TClientInfo, knownDevice: string | null) {
  const address = throttleAddressKey(client.ip);
  const backOffKey = `${userId}\0${knownDevice ? `device:${knownDevice}` : `address:${address}`}`;
  const all: Array<[TThrottleRule, string]> = [
    [throttleRules.loginFailuresPerIp, address],
    [throttleRules.staffFactorFailuresPerAccountAndClient, backOffKey],
  ];
  if (!knownDevice) all.push([throttleRules.staffFactorFailuresPerAccount, userId]);
  return { all, backOffKey };
}
