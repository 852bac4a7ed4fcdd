/**
 * Sets `record[key]` as an own property even for keys like "__proto__", which plain assignment
 * would turn into a prototype change. Keys here come from files, secrets and user configs.
 */
export function putOwn<V>(record: Record<string, V>, key: string, value: V): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
