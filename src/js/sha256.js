// SHA-256 (FIPS 180-4) of a string's UTF-8 bytes, as hex: the consent log's `textHash`
// (README "Consent records"), the same on every page — Web Crypto's digest is missing on
// http:// pages. Written here because it is the smallest way (README "Dependencies": 585 B
// gzip against 2.8 KB for @noble/hashes and 3.4 KB of wasm for the sha2 crate).
export function sha256(text) {
  const bytes = [...new TextEncoder().encode(text)];
  const bits = bytes.length * 8;
  bytes.push(0x80);
  while (bytes.length % 64 != 56) bytes.push(0);
  for (let i = 7; i >= 0; i--) bytes.push(i > 3 ? 0 : (bits >>> (i * 8)) & 255);
  // The constants: the first 32 bits of the fractional parts of the square roots (h) of the
  // first 8 primes and of the cube roots (k) of the first 64.
  const k = [];
  const h = [];
  const frac = (x) => ((x - Math.floor(x)) * 2 ** 32) | 0;
  for (let n = 2, found = 0; found < 64; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) if (n % d == 0) prime = false;
    if (!prime) continue;
    if (found < 8) h[found] = frac(n ** (1 / 2));
    k[found++] = frac(n ** (1 / 3));
  }
  const rotr = (x, n) => (x >>> n) | (x << (32 - n));
  for (let i = 0; i < bytes.length; i += 64) {
    const w = [];
    for (let t = 0; t < 64; t++) {
      if (t < 16) w[t] = (bytes[i + t * 4] << 24) | (bytes[i + t * 4 + 1] << 16) | (bytes[i + t * 4 + 2] << 8) | bytes[i + t * 4 + 3];
      else {
        const a = w[t - 15];
        const b = w[t - 2];
        w[t] = (w[t - 16] + (rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3)) + w[t - 7] + (rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10))) | 0;
      }
    }
    let [a, b, c, d, e, f, g, j] = h;
    for (let t = 0; t < 64; t++) {
      const t1 = (j + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[t] + w[t]) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      [j, g, f, e, d, c, b, a] = [g, f, e, (d + t1) | 0, c, b, a, (t1 + t2) | 0];
    }
    [a, b, c, d, e, f, g, j].forEach((x, n) => (h[n] = (h[n] + x) | 0));
  }
  return h.map((x) => (x >>> 0).toString(16).padStart(8, '0')).join('');
}
