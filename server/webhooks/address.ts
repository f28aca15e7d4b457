import 'server-only';
import dns from 'node:dns';
import net from 'node:net';

/**
 * Server-side request forgery (docs/decisions/016-webhooks.md): a webhook must not become a way to
 * make Accord's server call its own network (a database, an admin port, a cloud metadata service
 * at 169.254.169.254). A receiver's host is resolved, and every address it resolves to is checked
 * against the special-purpose ranges of the IANA registries (RFC 6890 and its updates), with
 * Node's own `net.BlockList`. Checked when an endpoint is registered or changed, and again at every
 * send, inside the connection's own DNS lookup (`safeLookup`), so the address checked is the
 * address connected to (no DNS rebinding between the check and the connection).
 */

type Range = [network: string, prefix: number, family: 'ipv4' | 'ipv6'];
type Category = { words: string; ranges: Range[]; /** Refused even when an administrator allows private addresses: nothing listens there. */ never?: boolean };

const CATEGORIES: Category[] = [
  { words: 'an unspecified address', never: true, ranges: [['0.0.0.0', 8, 'ipv4'], ['::', 128, 'ipv6']] },
  { words: 'a loopback address (this server itself)', ranges: [['127.0.0.0', 8, 'ipv4'], ['::1', 128, 'ipv6']] },
  { words: 'a private address', ranges: [['10.0.0.0', 8, 'ipv4'], ['172.16.0.0', 12, 'ipv4'], ['192.168.0.0', 16, 'ipv4']] },
  { words: 'a shared (carrier-grade NAT) address', ranges: [['100.64.0.0', 10, 'ipv4']] },
  { words: 'a link-local address (where cloud metadata services answer)', ranges: [['169.254.0.0', 16, 'ipv4'], ['fe80::', 10, 'ipv6']] },
  { words: 'a unique local (private) address', ranges: [['fc00::', 7, 'ipv6'], ['fec0::', 10, 'ipv6']] },
  { words: 'a multicast address', never: true, ranges: [['224.0.0.0', 4, 'ipv4'], ['ff00::', 8, 'ipv6']] },
  {
    words: 'a reserved address',
    ranges: [
      ['192.0.0.0', 24, 'ipv4'], ['192.0.2.0', 24, 'ipv4'], ['192.88.99.0', 24, 'ipv4'], ['198.18.0.0', 15, 'ipv4'], ['198.51.100.0', 24, 'ipv4'],
      ['203.0.113.0', 24, 'ipv4'], ['240.0.0.0', 4, 'ipv4'],
      ['::', 96, 'ipv6'], ['64:ff9b:1::', 48, 'ipv6'], ['100::', 64, 'ipv6'], ['2001::', 23, 'ipv6'], ['2001:db8::', 32, 'ipv6'], ['2002::', 16, 'ipv6'],
    ],
  },
];

const LISTS = CATEGORIES.map((category) => {
  const list = new net.BlockList();
  for (const [network, prefix, family] of category.ranges) list.addSubnet(network, prefix, family);
  return { category, list };
});

/** The 16-bit groups of an IPv6 address (with an embedded dotted IPv4 tail, if any). */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const bytes = dotted[1]!.split('.').map(Number);
    text = `${text.slice(0, -dotted[1]!.length)}${((bytes[0]! << 8) | bytes[1]!).toString(16)}:${((bytes[2]! << 8) | bytes[3]!).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const part = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const h = part(head);
  const t = part(tail);
  const groups = tail === undefined ? h : [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/** An IPv4 address carried inside an IPv6 one: mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d). */
function embeddedIpv4(address: string): string | null {
  const g = ipv6Groups(address);
  if (!g) return null;
  const mapped = g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff;
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0);
  if (!mapped && !nat64) return null;
  return [g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff].join('.');
}

export type AddressClass = { words: string; never: boolean };

/** What kind of non-public address this is, or null for an ordinary public address. */
export function classifyAddress(address: string): AddressClass | null {
  const family = net.isIP(address);
  if (family === 0) return { words: 'not an IP address', never: true };
  if (family === 6) {
    const inner = embeddedIpv4(address);
    if (inner) {
      const found = classifyAddress(inner);
      return found ? { words: `${found.words}, written as IPv6`, never: found.never } : null;
    }
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const { category, list } of LISTS) {
    if (list.check(address, type)) return { words: category.words, never: category.never ?? false };
  }
  return null;
}

/** Refused: what a person reads (the registration form's field error, a delivery's error). */
export class UnsafeAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeAddressError';
  }
}

const ALLOW_HINT = 'Accord does not send webhooks to private, loopback or link-local addresses (server-side request forgery) unless an administrator ticks “Allow a private address”.';

/** Why Accord refuses to connect to `address` for this endpoint, or null when it may. */
export function addressRefusal(host: string, address: string, allowPrivate: boolean): string | null {
  const found = classifyAddress(address);
  if (!found) return null;
  const what = host === address ? `${address} is ${found.words}` : `${host} resolves to ${address}, ${found.words}`;
  if (found.never) return `${what}: no webhook receiver can listen there.`;
  return allowPrivate ? null : `${what}. ${ALLOW_HINT}`;
}

/** The host of a URL as a resolver and net.isIP take it ("[::1]" → "::1"). */
export function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

const LOOKUP_TIMEOUT_MS = 5_000;

type Lookup = (host: string) => Promise<{ address: string; family: number }[]>;
const systemLookup: Lookup = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

/**
 * Resolves a receiver's host and checks every address it resolves to (one bad address is enough:
 * a connection may take any of them). Throws UnsafeAddressError with the reason in words.
 */
export async function checkReceiverAddress(url: URL, allowPrivate: boolean, lookup: Lookup = systemLookup): Promise<string[]> {
  const host = bareHost(url);
  let addresses: string[];
  if (net.isIP(host)) {
    addresses = [host];
  } else {
    let timer: NodeJS.Timeout | undefined;
    try {
      const found = await Promise.race([
        lookup(host),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { code: 'ETIMEOUT' })), LOOKUP_TIMEOUT_MS);
        }),
      ]);
      addresses = found.map((a) => a.address);
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new UnsafeAddressError(
        code === 'ENOTFOUND' || code === 'ENODATA'
          ? `No address found for ${host}: check the spelling of the host name.`
          : `Could not look up ${host} (${code ?? 'DNS error'}): try again in a moment.`,
      );
    } finally {
      clearTimeout(timer);
    }
    if (!addresses.length) throw new UnsafeAddressError(`No address found for ${host}: check the spelling of the host name.`);
  }
  for (const address of addresses) {
    const refusal = addressRefusal(host, address, allowPrivate);
    if (refusal) throw new UnsafeAddressError(refusal);
  }
  return addresses;
}

/**
 * The DNS lookup a webhook's connection uses (node:http's `lookup` option): the same check as at
 * registration, on the very addresses the socket then connects to. Node 20 asks for every address
 * (`all: true`, for its happy-eyeballs connect); older callers ask for one.
 */
export function safeLookup(allowPrivate: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, found) => {
      if (error) return callback(error, '', 0);
      const addresses = found as dns.LookupAddress[];
      for (const a of addresses) {
        const refusal = addressRefusal(hostname, a.address, allowPrivate);
        if (refusal) return callback(Object.assign(new UnsafeAddressError(refusal), { code: 'EACCES' }), '', 0);
      }
      if (!addresses.length) return callback(Object.assign(new Error(`No address found for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
