/* eslint-disable no-bitwise -- an IPv4 address is a 32-bit unsigned integer: masks and shifts are the arithmetic */
/** An IPv4 CIDR block, parsed. */
export interface Cidr {
  /** The text as written. */
  readonly text: string;
  /** First address as an unsigned 32-bit number. */
  readonly start: number;
  /** Prefix length, 0 to 32. */
  readonly prefix: number;
}

/** The outcome of parsing: a block, or why the text is not one. */
export type CidrParse = { readonly cidr: Cidr } | { readonly problem: string; readonly fix: string };

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

export function parseCidr(text: string): CidrParse {
  const match = CIDR_PATTERN.exec(text);
  if (!match) {
    return { problem: `'${text}' is not an IPv4 CIDR block`, fix: 'write it as a.b.c.d/n, e.g. 10.16.0.0/16' };
  }
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) {
    return {
      problem: `'${text}' has an octet over 255 or a prefix over /32`,
      fix: 'each octet is 0-255 and the prefix 0-32',
    };
  }
  const address = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const start = (address & mask(prefix)) >>> 0;
  if (start !== address) {
    const network = `${formatAddress(start)}/${prefix}`;
    return { problem: `'${text}' has host bits set`, fix: `did you mean ${network}?` };
  }
  return { cidr: { text, start, prefix } };
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.start <= lastAddress(b) && b.start <= lastAddress(a);
}

/** How many blocks of `prefix` fit in `cidr`. */
export function blocksOf(cidr: Cidr, prefix: number): number {
  return prefix < cidr.prefix ? 0 : 2 ** (prefix - cidr.prefix);
}

function lastAddress(c: Cidr): number {
  return c.start + 2 ** (32 - c.prefix) - 1;
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

function formatAddress(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}
