import { generateKeyPairSync, sign } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ecdsaDerToRaw, ecdsaRawToDer } from './ecdsa-der.js';

const raw64 = fc.uint8Array({ minLength: 64, maxLength: 64 });
// Values at the edges of the encoding: leading zero bytes (trimmed) and a set top bit (sign byte).
const edgyRaw64 = fc
  .tuple(raw64, fc.nat({ max: 32 }), fc.nat({ max: 32 }), fc.boolean(), fc.boolean())
  .map(([bytes, zerosR, zerosS, highR, highS]) => {
    const out = bytes.slice();
    out.fill(0, 0, zerosR);
    out.fill(0, 32, 32 + zerosS);
    if (highR) out[0] = out[0]! | 0x80;
    if (highS) out[32] = out[32]! | 0x80;
    return out;
  });

/** A strict DER reading, independent of the code under test, of SEQUENCE { INTEGER, INTEGER }. */
function readStrictDer(der: Uint8Array): bigint[] {
  expect(der[0]).toBe(0x30);
  expect(der[1]).toBe(der.length - 2);
  const values: bigint[] = [];
  let offset = 2;
  while (offset < der.length) {
    expect(der[offset]).toBe(0x02);
    const length = der[offset + 1]!;
    const value = der.subarray(offset + 2, offset + 2 + length);
    expect(value.length).toBe(length);
    expect(length).toBeGreaterThan(0);
    expect(value[0]! & 0x80, 'a DER INTEGER here is never negative').toBe(0);
    if (length > 1) expect(value[0] !== 0 || (value[1]! & 0x80) !== 0, 'minimal encoding').toBe(true);
    values.push(value.reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n));
    offset += 2 + length;
  }
  return values;
}

const bigOf = (bytes: Uint8Array) => bytes.reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);

describe('ecdsaRawToDer / ecdsaDerToRaw', () => {
  it('round-trips any 64 raw bytes through canonical DER', () => {
    fc.assert(
      fc.property(fc.oneof(raw64, edgyRaw64), (raw) => {
        const der = ecdsaRawToDer(raw);
        expect(readStrictDer(der)).toEqual([bigOf(raw.subarray(0, 32)), bigOf(raw.subarray(32))]);
        expect(ecdsaDerToRaw(der)).toEqual(raw);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the DER that node:crypto signs, and writes it back byte for byte', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (message) => {
        const der = new Uint8Array(sign('sha256', message, { key: privateKey, dsaEncoding: 'der' }));
        const raw = new Uint8Array(sign('sha256', message, { key: privateKey, dsaEncoding: 'ieee-p1363' }));
        expect(ecdsaDerToRaw(der)).toHaveLength(64);
        expect(ecdsaRawToDer(ecdsaDerToRaw(der)!)).toEqual(der);
        expect(ecdsaDerToRaw(ecdsaRawToDer(raw))).toEqual(raw);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on random bytes, and answers undefined or 64 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 90 }), (bytes) => {
        const raw = ecdsaDerToRaw(bytes);
        expect(raw === undefined || raw.length === 64).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('never throws on garbled DER (bytes changed, cut or appended)', () => {
    const garbled = fc
      .tuple(
        fc.oneof(raw64, edgyRaw64),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        fc.nat({ max: 8 }),
        fc.uint8Array({ maxLength: 4 }),
      )
      .map(([raw, changes, cut, tail]) => {
        const der = ecdsaRawToDer(raw).slice();
        for (const [at, value] of changes) der[at % der.length] = value;
        const kept = der.subarray(0, Math.max(0, der.length - cut));
        const out = new Uint8Array(kept.length + tail.length);
        out.set(kept);
        out.set(tail, kept.length);
        return out;
      });
    fc.assert(
      fc.property(garbled, (der) => {
        const raw = ecdsaDerToRaw(der);
        expect(raw === undefined || raw.length === 64).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses what is not SEQUENCE { INTEGER, INTEGER } with nothing after it', () => {
    const good = ecdsaRawToDer(new Uint8Array(64).fill(1));
    expect(ecdsaDerToRaw(good)).toBeDefined();
    const withTail = Uint8Array.of(...good, 0);
    withTail[1] = withTail[1]! + 1;
    expect(ecdsaDerToRaw(withTail)).toBeUndefined();
    expect(ecdsaDerToRaw(good.subarray(0, good.length - 1))).toBeUndefined();
    expect(ecdsaDerToRaw(Uint8Array.of(0x31, ...good.subarray(1)))).toBeUndefined();
    // A 33-byte integer without the zero sign byte is larger than any P-256 value.
    const tooLong = Uint8Array.of(0x30, 0x26, 0x02, 0x21, ...new Array(33).fill(0x7f), 0x02, 0x01, 0x01);
    expect(ecdsaDerToRaw(tooLong)).toBeUndefined();
  });
});
