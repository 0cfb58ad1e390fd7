import { blocksOf, overlaps, parseCidr } from '../src';

function cidr(text: string) {
  const parsed = parseCidr(text);
  if (!('cidr' in parsed)) throw new Error(parsed.problem);
  return parsed.cidr;
}

describe('parseCidr', () => {
  test('parses a network address', () => {
    expect(cidr('10.16.0.0/12')).toEqual({ text: '10.16.0.0/12', start: 0x0a100000, prefix: 12 });
  });

  test('rejects host bits and names the network address', () => {
    expect(parseCidr('10.16.1.0/12')).toEqual({
      problem: "'10.16.1.0/12' has host bits set",
      fix: 'did you mean 10.16.0.0/12?',
    });
  });

  test('rejects octets over 255 and prefixes over 32', () => {
    expect('problem' in parseCidr('10.256.0.0/16')).toBe(true);
    expect('problem' in parseCidr('10.0.0.0/33')).toBe(true);
  });

  test('rejects text that is not a CIDR block', () => {
    expect('problem' in parseCidr('10.0.0.0')).toBe(true);
    expect('problem' in parseCidr('fd00::/8')).toBe(true);
  });
});

describe('overlaps', () => {
  test('is true for nested and identical blocks', () => {
    expect(overlaps(cidr('10.0.0.0/8'), cidr('10.1.0.0/16'))).toBe(true);
    expect(overlaps(cidr('10.1.0.0/16'), cidr('10.1.0.0/16'))).toBe(true);
  });

  test('is false for adjacent blocks', () => {
    expect(overlaps(cidr('10.0.0.0/16'), cidr('10.1.0.0/16'))).toBe(false);
  });

  test('handles the top of the address space', () => {
    expect(overlaps(cidr('255.255.255.0/24'), cidr('255.255.255.128/25'))).toBe(true);
  });
});

describe('blocksOf', () => {
  test('counts the blocks of a prefix that fit', () => {
    expect(blocksOf(cidr('10.16.0.0/12'), 20)).toBe(256);
    expect(blocksOf(cidr('10.16.0.0/20'), 16)).toBe(0);
  });
});
