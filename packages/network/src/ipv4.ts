/* eslint-disable no-bitwise -- an IPv4 address is a 32-bit unsigned integer: masks and shifts are the arithmetic */
/** An IPv4 CIDR block as a 32-bit start address and a prefix length. */
export interface Ipv4Block {
  readonly start: number;
  readonly prefix: number;
}

/** Parses `a.b.c.d/n`; `owner` names the construct in the error. */
export function parseCidr(cidr: string, owner: string): Ipv4Block {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!m) throw new Error(`${owner}: '${cidr}' is not an IPv4 CIDR block`);
  const [a, b, c, d, prefix] = m.slice(1).map(Number);
  return { start: ((a << 24) | (b << 16) | (c << 8) | d) >>> 0, prefix };
}

export function formatAddress(address: number): string {
  return [address >>> 24, (address >>> 16) & 255, (address >>> 8) & 255, address & 255].join('.');
}

export function formatCidr(start: number, prefix: number): string {
  return `${formatAddress(start)}/${prefix}`;
}

/** The highest address of a subnet that AWS lets an interface use (it reserves the last one). */
export function lastUsableAddress(cidr: string, owner: string): string {
  const { start, prefix } = parseCidr(cidr, owner);
  return formatAddress(start + 2 ** (32 - prefix) - 2);
}
