/* eslint-disable no-bitwise -- an IPv4 address is a 32-bit unsigned integer: masks and shifts are the arithmetic */
// Checks the constructs validate their props with (IPv4 CIDR arithmetic, Linux user names). Not part of the public API.

/** An IPv4 CIDR block as its first and last addresses and its prefix length. */
export interface Ipv4Range {
  readonly first: number;
  readonly last: number;
  readonly prefix: number;
}

/** Parses `a.b.c.d/n`; `where` names the prop in the error. */
export function parseCidr(cidr: string, where: string): Ipv4Range {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  const octets = m ? m.slice(1, 5).map(Number) : [];
  const prefix = m ? Number(m[5]) : -1;
  if (!m || octets.some((o) => o > 255) || prefix > 32) {
    throw new Error(`${where}: '${cidr}' is not an IPv4 CIDR block; give one such as 10.0.0.0/16`);
  }
  const address = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const size = 2 ** (32 - prefix);
  const first = address - (address % size);
  return { first, last: first + size - 1, prefix };
}

/** Whether `inner` lies wholly within `outer`. */
export function contains(outer: Ipv4Range, inner: Ipv4Range): boolean {
  return inner.first >= outer.first && inner.last <= outer.last;
}

/** Whether the two blocks share an address. */
export function overlaps(a: Ipv4Range, b: Ipv4Range): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** Throws unless `name` is a Linux user name (it is written into user data and the session preferences). */
export function checkLinuxUserName(name: string, where: string): void {
  if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(name)) {
    throw new Error(`${where}: '${name}' is not a Linux user name; give lower-case letters, digits, '-' or '_'`);
  }
}
