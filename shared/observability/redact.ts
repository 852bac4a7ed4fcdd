import { type ConfigDef, ConfigType, Password } from '../api';

/**
 * A config safe to log or return: PASSWORD-typed keys (by the plugin's ConfigDef) show "[hidden]".
 * Placeholders such as `${secretsmanager:...}` are not secrets and stay readable.
 */
export function redact(definition: ConfigDef, props: Readonly<Record<string, string>>): Record<string, string> {
  const keys = definition.configKeys();
  const safe: Record<string, string> = {};
  for (const [name, value] of Object.entries(props)) {
    safe[name] = keys.get(name)?.type === ConfigType.PASSWORD && !isPlaceholder(value) ? Password.HIDDEN : value;
  }
  return safe;
}

function isPlaceholder(value: string): boolean {
  return /^\$\{[^}]+\}$/.test(value.trim());
}
