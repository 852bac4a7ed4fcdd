import { App, AssetStaging, type PolicyViolation } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { ConnectFunction } from '../../../cdk/lib/connect-function';
import { ConnectStack } from '../../../cdk/lib/connect-stack';
import { connectPropsFromContext } from '../../../cdk/lib/context';

export interface Synthesized {
  readonly app: App;
  readonly stack: ConnectStack;
  readonly template: Template;
  /** cdk-nag AwsSolutions violations left after the stack's acknowledgements (errors and warnings). */
  readonly nagViolations: readonly PolicyViolation[];
}

/**
 * Builds the app as cdk/bin/app.ts does (context -> ConnectStack), synthesizes it (NodejsFunction
 * bundles every function with the local esbuild) and runs cdk-nag's AwsSolutions pack over the
 * result. Synthesis is slow: one per test file, in beforeAll.
 */
export function synthesize(context: Record<string, unknown> = {}): Synthesized {
  const app = new App({ context: { kafkaMode: 'msk-serverless', ...context } });
  const props = connectPropsFromContext(app.node);
  const stack = new ConnectStack(app, props.stackName, props);
  const template = Template.fromStack(stack);
  // After synthesis: the stack acknowledges its justified wildcards in an aspect that runs then.
  const report = new AwsSolutionsChecks(app).validateScope(app);
  return { app, stack, template, nagViolations: report.violations };
}

/** Resources of a type, by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

export interface Resource {
  readonly Type: string;
  readonly Properties: Record<string, unknown> & { PolicyDocument?: PolicyDocument };
  readonly DependsOn?: string[];
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

export interface PolicyDocument {
  readonly Statement: Statement[];
}

export interface Statement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Record<string, unknown>;
}

export function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Every statement of the IAM policies attached to a role (inline policies and AWS::IAM::Policy resources). */
export function statementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  const statements: Statement[] = [];
  for (const policy of Object.values(resourcesOf(template, 'AWS::IAM::Policy'))) {
    const roles = asArray(policy.Properties.Roles as unknown[]).map((r) => (r as { Ref?: string }).Ref);
    if (roles.includes(roleLogicalId)) statements.push(...(policy.Properties.PolicyDocument?.Statement ?? []));
  }
  const role = resourcesOf(template, 'AWS::IAM::Role')[roleLogicalId];
  for (const inline of asArray(role?.Properties.Policies as { PolicyDocument: PolicyDocument }[])) {
    statements.push(...inline.PolicyDocument.Statement);
  }
  return statements;
}

/** The actions a role may perform, flattened. */
export function actionsOfRole(template: Template, roleLogicalId: string): string[] {
  return statementsOfRole(template, roleLogicalId).flatMap((s) => asArray(s.Action));
}

/** The logical id of the role of a Lambda function found by its FunctionName suffix (e.g. "-herder"). */
export function functionBySuffix(template: Template, suffix: string): { id: string; fn: Resource; roleId: string } {
  const found = Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).find(([, r]) =>
    String(r.Properties.FunctionName ?? '').endsWith(suffix),
  );
  if (!found) throw new Error(`No function named *${suffix}`);
  const [id, fn] = found;
  const role = fn.Properties.Role as { 'Fn::GetAtt': [string, string] };
  return { id, fn, roleId: role['Fn::GetAtt'][0] };
}

/** A JSON rendering of a CloudFormation value, for substring checks on ARNs built with Fn::Join. */
export function rendered(value: unknown): string {
  return JSON.stringify(value);
}

export { Match };

/** The directory NodejsFunction bundled a function into (its index.mjs is what Lambda runs). */
export function bundleDirOf(fn: ConnectFunction): string {
  const staging = fn.function.node.findAll().find((c): c is AssetStaging => c instanceof AssetStaging);
  if (!staging) throw new Error(`${fn.node.path} has no bundled asset`);
  return staging.absoluteStagedPath;
}

/** A synthesis bundles five functions: slower than vitest's 10 s hook default when test files run side by side. */
export const SYNTH_TIMEOUT_MS = 120_000;
