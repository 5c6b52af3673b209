import { sha1 as nobleSha1 } from '@noble/hashes/legacy.js';

/**
 * SHA-1 tuned for bucketing. Almost every hash input (`<flagKey>.<salt>.<contextKey>`) fits one
 * 64-byte block, so those are hashed here with no allocation: the bytes go straight into a reused
 * 16-word buffer, which then serves as the ring of the message schedule. Longer inputs go to
 * @noble/hashes. docs/evaluation.md has the measurements behind this.
 */

const W = new Int32Array(16);
/** Longest message that fits one block with its `0x80` terminator and 8-byte length. */
const SINGLE_BLOCK_BYTES = 55;
const encoder = new TextEncoder();

/** ORs byte `p` of the message into W (big-endian words). */
function putByte(p: number, byte: number): void {
  W[p >> 2] = (W[p >> 2] as number) | (byte << (24 - ((p & 3) << 3)));
}

/** UTF-8 path for non-ASCII input; the byte count, or -1 when it needs more than one block. */
function encodeUtf8(input: string): number {
  const bytes = encoder.encode(input);
  if (bytes.length > SINGLE_BLOCK_BYTES) return -1;
  W.fill(0);
  for (let p = 0; p < bytes.length; p += 1) putByte(p, bytes[p] as number);
  return bytes.length;
}

/** Writes ASCII `s` at byte `offset`; false at the first non-ASCII code unit. */
function putAscii(s: string, offset: number): boolean {
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) return false;
    putByte(offset + i, c);
  }
  return true;
}

/**
 * Writes `prefix + value` into W; the byte count, or -1 when it needs more than one block. Taking
 * the parts separately spares building (and V8 flattening) the concatenated string.
 */
function encodeIntoBlock(prefix: string, value: string): number {
  if (prefix.length + value.length > SINGLE_BLOCK_BYTES) return -1;
  W.fill(0);
  if (!putAscii(prefix, 0) || !putAscii(value, prefix.length)) return encodeUtf8(prefix + value);
  return prefix.length + value.length;
}

/** Message schedule word `t` (16 ≤ t < 80), computed in place in the 16-word ring. */
function schedule(t: number): number {
  const x =
    (W[(t - 3) & 15] as number) ^
    (W[(t - 8) & 15] as number) ^
    (W[(t - 14) & 15] as number) ^
    (W[t & 15] as number);
  const w = (x << 1) | (x >>> 31);
  W[t & 15] = w;
  return w;
}

/** The top 60 bits of the digest (the first 15 hex digits), as an exactly-rounded double. */
function top60(h0: number, h1: number): number {
  return (h0 >>> 0) * 0x10000000 + (h1 >>> 4);
}

/**
 * Pads and compresses the one block in W. The rounds are four loops, one per round function, so
 * no round branches; constants above 2^31 are written as negative int32s to keep the arithmetic in
 * 32-bit integers.
 */
function compressSingleBlock(byteLength: number): number {
  putByte(byteLength, 0x80);
  W[15] = byteLength * 8;
  let a = 0x67452301;
  let b = -271733879; // 0xefcdab89
  let c = -1732584194; // 0x98badcfe
  let d = 0x10325476;
  let e = -1009589776; // 0xc3d2e1f0
  let f: number;
  for (let t = 0; t < 20; t += 1) {
    f =
      (((a << 5) | (a >>> 27)) +
        ((b & c) | (~b & d)) +
        0x5a827999 +
        e +
        (t < 16 ? (W[t] as number) : schedule(t))) |
      0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = f;
  }
  for (let t = 20; t < 40; t += 1) {
    f = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + 0x6ed9eba1 + e + schedule(t)) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = f;
  }
  for (let t = 40; t < 60; t += 1) {
    f = (((a << 5) | (a >>> 27)) + ((b & c) | (b & d) | (c & d)) - 0x70e44324 + e + schedule(t)) | 0; // + 0x8f1bbcdc
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = f;
  }
  for (let t = 60; t < 80; t += 1) {
    f = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) - 0x359d3e2a + e + schedule(t)) | 0; // + 0xca62c1d6
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = f;
  }
  return top60((a + 0x67452301) | 0, (b - 271733879) | 0);
}

/** The same 60 bits read from a full 20-byte digest (from any SHA-1 implementation). */
export function digestTop60(digest: Uint8Array): number {
  const h0 = ((digest[0] as number) << 24) | ((digest[1] as number) << 16) | ((digest[2] as number) << 8);
  const h1 = ((digest[4] as number) << 24) | ((digest[5] as number) << 16) | ((digest[6] as number) << 8);
  return top60(h0 | (digest[3] as number), h1 | (digest[7] as number));
}

/**
 * The first 15 hex digits of `sha1(utf8(prefix + value))` as an integer: the numerator of a bucket.
 *
 * @example
 * ```ts
 * sha1Top60('my-flag.salt.', 'user-1') / 0xfffffffffffffff; // bucket of user-1
 * ```
 */
export function sha1Top60(prefix: string, value: string): number {
  const byteLength = encodeIntoBlock(prefix, value);
  if (byteLength >= 0) return compressSingleBlock(byteLength);
  return digestTop60(nobleSha1(encoder.encode(prefix + value)));
}
