import { createHash } from 'node:crypto';
import { ConfigError } from '../api';

/**
 * Names of the AWS resources run for a connector. They are derived, never stored: the herder finds
 * a connector's resources again from its name alone, and the sink function maps an invoked alias
 * back to its connector (alias-resolver.ts).
 *
 * A name is `<prefix>-<readable stem>-<hash>`: the stem is the connector name with every character
 * that Lambda alias names ([a-zA-Z0-9-_]) or Scheduler group names ([0-9a-zA-Z-_.]) reject turned
 * into '-', cut to fit; the hash (first 10 hex digits of the SHA-256 of the full name) keeps names
 * that sanitize or truncate alike apart. The prefix starts with a letter, so no name is all digits
 * (an alias rule), and marks what this deployment created (removeAllManaged()).
 */

/** Lambda alias names: at most 128 characters. */
export const ALIAS_NAME_MAX = 128;
/** Scheduler schedule group names: at most 64 characters. */
export const SCHEDULE_GROUP_NAME_MAX = 64;
export const NAME_HASH_LENGTH = 10;
const PREFIX_PATTERN = /^[a-zA-Z][a-zA-Z0-9_-]{0,19}$/;
const UNSAFE = /[^a-zA-Z0-9_-]+/g;
const HASH_SUFFIX = new RegExp(`-([0-9a-f]{${NAME_HASH_LENGTH}})$`);

/** @throws ConfigError when the prefix could make invalid or ambiguous names. */
export function checkResourcePrefix(prefix: string): string {
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new ConfigError(
      `Invalid resource prefix '${prefix}': it must match ${PREFIX_PATTERN.source} (a letter, then up to 19 letters, digits, '-' or '_')`,
    );
  }
  return prefix;
}

/** The short hash of a connector name that every resource name of the connector ends with. */
export function connectorNameHash(connector: string): string {
  return createHash('sha256').update(connector, 'utf8').digest('hex').slice(0, NAME_HASH_LENGTH);
}

/** The alias of the sink function that a sink connector's event source mappings invoke. */
export function sinkAliasName(prefix: string, connector: string): string {
  return managedName(prefix, connector, ALIAS_NAME_MAX);
}

/** The Scheduler schedule group holding a source connector's task schedules. */
export function scheduleGroupName(prefix: string, connector: string): string {
  return managedName(prefix, connector, SCHEDULE_GROUP_NAME_MAX);
}

/** The schedule of one source task inside its connector's group. */
export function taskScheduleName(task: number): string {
  return `task-${task}`;
}

/** The task id of a schedule name, or null for a schedule this platform did not name. */
export function taskOfScheduleName(name: string): number | null {
  const match = /^task-(0|[1-9][0-9]*)$/.exec(name);
  return match ? Number(match[1]) : null;
}

/** Whether `name` (an alias or group name) has the shape this deployment's prefix gives its resources. */
export function isManagedName(prefix: string, name: string): boolean {
  return name.startsWith(`${prefix}-`) && HASH_SUFFIX.test(name);
}

/** Whether `name` (an alias or group name) was derived from `connector`. */
export function isNameOf(name: string, connector: string): boolean {
  return HASH_SUFFIX.exec(name)?.[1] === connectorNameHash(connector);
}

function managedName(prefix: string, connector: string, max: number): string {
  const hash = connectorNameHash(connector);
  const room = max - prefix.length - hash.length - 2;
  const stem = connector
    .replace(UNSAFE, '-')
    .slice(0, room)
    .replace(/^-+|-+$/g, '');
  return stem ? `${prefix}-${stem}-${hash}` : `${prefix}-${hash}`;
}
