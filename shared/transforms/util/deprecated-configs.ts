/**
 * Kafka's ConfigUtils.translateDeprecatedConfigs: each group is [current key, ...deprecated
 * aliases]. A set current key wins over its aliases; otherwise the first set alias's value moves to
 * the current key. Aliases never pass through, and other keys with null values are dropped.
 */
export function translateDeprecatedConfigs(
  configs: Readonly<Record<string, unknown>>,
  aliasGroups: readonly (readonly [string, ...string[]])[],
): Record<string, unknown> {
  const aliased = new Set(aliasGroups.flat());
  const translated: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(configs)) {
    if (!aliased.has(key) && value !== null && value !== undefined) translated[key] = value;
  }
  for (const [target, ...aliases] of aliasGroups) {
    const deprecated = aliases.filter((alias) => Object.hasOwn(configs, alias));
    if (Object.hasOwn(configs, target)) translated[target] = configs[target];
    else if (deprecated.length > 0) translated[target] = configs[deprecated[0] as string];
  }
  return translated;
}
