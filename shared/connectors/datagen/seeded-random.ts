/**
 * A seedable pseudo-random generator: SFC32 ("small fast counting", Chris Doty-Humphrey), 128 bits
 * of state, which passes PractRand and needs nothing but 32-bit integer arithmetic.
 *
 * Datagen draws every record from its own stream, keyed by the task's seed and the record's
 * iteration (see `forStream`), so record n is the same whether a task produced records 0..n in one
 * run or resumed at n from a stored offset. Kafka's datagen re-seeds a java.util.Random after each
 * record and stores that seed instead; the effect, a restart continuing the same sequence, is alike.
 */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    // The recommended warm-up, so that nearby seeds give unrelated sequences.
    for (let i = 0; i < WARM_UP_ROUNDS; i++) this.nextUint32();
  }

  /**
   * The stream of draws for one `index` (a record's iteration) under a `seed`; `salt` separates
   * streams used for different purposes (record values, pauses between records). Both numbers are
   * taken as unsigned integers below 2^53.
   */
  static forStream(seed: number, index: number, salt = 0): SeededRandom {
    return new SeededRandom(
      fmix32(low32(seed) ^ 0x243f6a88),
      fmix32(high21(seed) ^ 0x85a308d3 ^ Math.imul(salt, 0x9e3779b9)),
      fmix32(low32(index) ^ 0x13198a2e),
      fmix32(high21(index) ^ 0x03707344),
    );
  }

  /** A uniform unsigned 32-bit integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform signed 32-bit integer (Java's Random#nextInt()). */
  nextInt32(): number {
    return this.nextUint32() | 0;
  }

  /** A uniform integer in [0, bound); bound must be a positive safe integer. */
  nextInt(bound: number): number {
    if (!(bound > 0) || !Number.isSafeInteger(bound))
      throw new RangeError(`bound must be a positive integer: ${bound}`);
    if (bound > TWO_POW_32) return Math.floor(this.nextDouble() * bound);
    // Rejection sampling keeps every value equally likely when bound does not divide 2^32.
    const limit = TWO_POW_32 - (TWO_POW_32 % bound);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % bound;
  }

  /** A uniform double in [0, 1) with 53 random bits (as Java's Random#nextDouble()). */
  nextDouble(): number {
    return ((this.nextUint32() >>> 5) * 67108864 + (this.nextUint32() >>> 6)) / 9007199254740992;
  }

  /** A uniform float in [0, 1) with 24 random bits (as Java's Random#nextFloat()). */
  nextFloat(): number {
    return (this.nextUint32() >>> 8) / 16777216;
  }

  nextBoolean(): boolean {
    return this.nextUint32() >= 0x80000000;
  }

  /** A uniform signed 64-bit integer (Java's Random#nextLong()). */
  nextLong(): bigint {
    const high = BigInt(this.nextUint32());
    const low = BigInt(this.nextUint32());
    return BigInt.asIntN(64, (high << 32n) | low);
  }

  nextBytes(length: number): Uint8Array {
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) bytes[i] = this.nextUint32() >>> 24;
    return bytes;
  }
}

const WARM_UP_ROUNDS = 15;
const TWO_POW_32 = 0x100000000;

/** Murmur3's 32-bit finalizer: a bijection that spreads every input bit over the output. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function low32(n: number): number {
  return n >>> 0;
}

function high21(n: number): number {
  return Math.floor(n / TWO_POW_32) >>> 0;
}

/** The largest seed a stream takes: offsets store seeds as JSON numbers, exact up to 2^53. */
export const MAX_SEED = 2 ** 53 - 1;

/**
 * A task's seed from the configured `random.seed` (a Java long) and its task id: task 0 keeps the
 * configured seed (brought into [0, 2^53)), other tasks get a seed mixed from both, so each task
 * generates different data, as Kafka's datagen advances its Random once per task id.
 */
export function taskSeed(configured: number, taskId: number): number {
  const base = normalizeSeed(configured);
  if (taskId === 0) return base;
  const random = SeededRandom.forStream(base, taskId, 0x7a5c);
  return (random.nextUint32() & 0x1fffff) * TWO_POW_32 + random.nextUint32();
}

/** Any integer seed (a stored Java long, say) as a stream seed in [0, 2^53). */
export function normalizeSeed(seed: number | bigint): number {
  return Number(BigInt.asUintN(53, typeof seed === 'bigint' ? seed : BigInt(Math.trunc(seed))));
}
