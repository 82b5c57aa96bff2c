// Kubernetes resource quantities ("500m", "1", "512Mi", "1G", "1e3"), compared exactly: "1.1" and "1100m"
// are the same amount, which floating point would get wrong.
const BINARY_POWER: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_POWER: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

// The number, then either a decimal exponent ("e3", "E-2") or a suffix; "1E" is exa, "1E3" is an exponent.
const QUANTITY = /^([+-]?)(\d*)(?:\.(\d*))?(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

/** Fixed point: amounts are integers in units of 10^-SCALE, far below the smallest suffix (n). */
const SCALE = 30;

/** The quantity as an exact integer in units of 10^-30 of the base unit (cores, bytes); undefined if invalid. */
export function parseQuantity(value: unknown): bigint | undefined {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string') return undefined;
  const match = QUANTITY.exec(text.trim());
  if (!match) return undefined;
  const [, sign, whole = '', fraction = '', exponent, suffix = ''] = match;
  if (whole === '' && fraction === '') return undefined;
  let power10 = SCALE - fraction.length + (exponent ? Number(exponent.slice(1)) : DECIMAL_POWER[suffix] ?? 0);
  let amount = BigInt(whole + fraction || '0');
  const binaryPower = BINARY_POWER[suffix];
  if (binaryPower !== undefined) amount *= 2n ** BigInt(binaryPower);
  if (power10 < 0) {
    // Below the resolution: round toward zero, as the amount is already smaller than anything schedulable.
    amount /= 10n ** BigInt(-power10);
    power10 = 0;
  }
  amount *= 10n ** BigInt(power10);
  return sign === '-' ? -amount : amount;
}
