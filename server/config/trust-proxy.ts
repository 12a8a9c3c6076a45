import { isIP } from 'node:net';

/** Express's named subnets that a proxy can sit in. */
const NAMED_SUBNETS = new Set(['loopback', 'linklocal', 'uniquelocal']);

export type TrustProxy = boolean | number | string;

function isAddressOrSubnet(entry: string): boolean {
  if (NAMED_SUBNETS.has(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  if (!/^\d+$/.test(bits)) return isIP(bits) === family; // a netmask such as 255.255.0.0
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * `TRUST_PROXY`: which peers may tell the panel a client's address through X-Forwarded-For. The safe
 * forms name the proxies (loopback, uniquelocal, addresses, CIDRs); `true` and hop counts are accepted
 * but warned about at start-up. `false` trusts no one.
 */
export function parseTrustProxy(raw: string): TrustProxy {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  const entries = raw.split(',').map((e) => e.trim());
  const bad = entries.filter((e) => !isAddressOrSubnet(e));
  if (bad.length)
    throw new Error(
      `must be loopback, linklocal, uniquelocal, IP addresses or CIDR subnets separated by commas, false, true or a hop count; "${bad.join('", "')}" is none of these`,
    );
  return entries.join(',');
}

/** A start-up warning for settings that let any client that reaches the panel choose its own address. */
export function trustProxyWarning(value: TrustProxy): string | undefined {
  const how =
    value === true
      ? 'TRUST_PROXY=true trusts X-Forwarded-For from every client'
      : typeof value === 'number'
        ? `TRUST_PROXY=${value} trusts the last ${value} X-Forwarded-For address${value === 1 ? '' : 'es'} from every client, including one that reaches the panel directly`
        : undefined;
  if (!how) return undefined;
  return `${how}: a client can fake its address, get around the sign-in throttle and write any address into the audit log. Set TRUST_PROXY to the proxy's address or subnet instead (for example loopback, uniquelocal or 172.18.0.0/16).`;
}
