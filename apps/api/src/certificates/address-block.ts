import { isIPv4, isIPv6 } from 'node:net';

/**
 * The block of addresses one client controls, for rate limits meant to hold per person: an IPv4
 * address as it is, an IPv6 address by its /64 (one household or server gets a whole /64 and
 * can rotate through 2^64 addresses), an IPv4-mapped IPv6 address as the IPv4 one. Anything
 * else (a test's label, "unknown") is used as it is.
 */
export function addressBlock(ip: string): string {
  const address = ip.trim().toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (isIPv4(address)) return address;
  const bare = address.split('%')[0]!;
  if (!isIPv6(bare)) return address;
  const [head = '', tail] = bare.split('::');
  const groupsOf = (part: string): string[] =>
    part === '' ? [] : part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])); // a dotted IPv4 tail is two groups
  const front = groupsOf(head);
  const back = tail === undefined ? [] : groupsOf(tail);
  const groups = tail === undefined ? front : [...front, ...Array<string>(Math.max(0, 8 - front.length - back.length)).fill('0'), ...back];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
