/**
 * The iteration order of a java.util.HashSet of strings built by adding them one by one (Kafka
 * collects some validator choices with `Collectors.toSet()` and prints them in that order, e.g.
 * CaseInsensitiveValidString's "String must be one of (case insensitive): REQUESTED, REQUIRED").
 * Java iterates the hash table bucket by bucket; within a bucket, in insertion order.
 */
export function javaHashSetOrder(values: readonly string[]): string[] {
  const unique = [...new Set(values)];
  let capacity = 16;
  // HashMap doubles its table once the size passes 3/4 of the capacity.
  while (unique.length > capacity * 0.75) capacity *= 2;
  return unique
    .map((value, index) => ({ value, index, bucket: spread(javaStringHashCode(value)) & (capacity - 1) }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((entry) => entry.value);
}

/** Java's String.hashCode over UTF-16 code units, in 32-bit arithmetic. */
export function javaStringHashCode(value: string): number {
  let hash = 0;
  for (let i = 0; i < value.length; i++) hash = (Math.imul(hash, 31) + value.charCodeAt(i)) | 0;
  return hash;
}

/** HashMap.hash: folds the high bits into the low ones. */
function spread(hash: number): number {
  return hash ^ (hash >>> 16);
}
