/**
 * Environment-variable names shared by the CDK stack (which sets them) and the Lambda entry points
 * and local runtime (which read them). A leaf module: it imports nothing.
 */
export const ENV = {
  configsTable: 'CONNECT_CONFIGS_TABLE',
  offsetsTable: 'CONNECT_OFFSETS_TABLE',
  statusesTable: 'CONNECT_STATUSES_TABLE',
  leasesTable: 'CONNECT_LEASES_TABLE',
  bootstrapServers: 'KAFKA_BOOTSTRAP_SERVERS',
  dataDir: 'CONNECT_DATA_DIR',
  restPort: 'CONNECT_REST_PORT',
  kafkaPort: 'KAFKA_PORT',
} as const;

export type EnvName = (typeof ENV)[keyof typeof ENV];

/** Reads a variable that must be set; the error names it so a misdeployment is obvious. */
export function requiredEnv(name: EnvName): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

export function optionalEnv(name: EnvName, fallback: string): string {
  return process.env[name] || fallback;
}
