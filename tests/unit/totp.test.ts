// TOTP against the RFC 6238 test vectors (SHA-1 seed "12345678901234567890") and the rules the sign-in
// relies on: ±1 step of drift, no replay of a step already used, nothing but six digits.
import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, codeForStep, generateSecret, otpauthUri, stepAt, verifyCode } from "@/lib/auth/totp";

const SEED = base32Encode(Buffer.from("12345678901234567890"));

describe("RFC 6238 vectors (8 digits, SHA-1)", () => {
  it.each([
    [59, "94287082"],
    [1111111109, "07081804"],
    [1111111111, "14050471"],
    [1234567890, "89005924"],
    [2000000000, "69279037"],
    [20000000000, "65353130"],
  ])("at %i s the code is %s", (seconds, code) => {
    expect(codeForStep(SEED, stepAt(new Date(seconds * 1000)), 8)).toBe(code);
  });
});

describe("verifyCode", () => {
  const now = new Date(1_800_000_000_000);
  const step = stepAt(now);
  it("accepts the current code and one step either side, and says which step it was", () => {
    expect(verifyCode(SEED, codeForStep(SEED, step), now, null)).toBe(step);
    expect(verifyCode(SEED, codeForStep(SEED, step - 1), now, null)).toBe(step - 1);
    expect(verifyCode(SEED, codeForStep(SEED, step + 1), now, null)).toBe(step + 1);
  });
  it("refuses codes two steps away, a step already used, and anything that is not six digits", () => {
    expect(verifyCode(SEED, codeForStep(SEED, step - 2), now, null)).toBeNull();
    expect(verifyCode(SEED, codeForStep(SEED, step + 2), now, null)).toBeNull();
    expect(verifyCode(SEED, codeForStep(SEED, step), now, step)).toBeNull();
    expect(verifyCode(SEED, codeForStep(SEED, step - 1), now, step - 1)).toBeNull();
    expect(verifyCode(SEED, "12345", now, null)).toBeNull();
    expect(verifyCode(SEED, "abcdef", now, null)).toBeNull();
    expect(verifyCode(SEED, "1234567", now, null)).toBeNull();
  });
  it("ignores spaces typed inside the code", () => {
    const c = codeForStep(SEED, step);
    expect(verifyCode(SEED, `${c.slice(0, 3)} ${c.slice(3)}`, now, null)).toBe(step);
  });
});

describe("secrets", () => {
  it("are 160 random bits in base32 that round-trip, and go into an otpauth URI with the issuer", () => {
    const s = generateSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(s)).toHaveLength(20);
    expect(base32Encode(base32Decode(s))).toBe(s);
    expect(generateSecret()).not.toBe(s);
    const uri = otpauthUri(s, "huyen.kyson");
    expect(uri).toMatch(/^otpauth:\/\/totp\/CAX%20ch%C3%ADnh%20quy%3Ahuyen\.kyson\?/);
    expect(new URL(uri).searchParams.get("secret")).toBe(s);
  });
});
