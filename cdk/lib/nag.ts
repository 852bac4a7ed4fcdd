import { Aspects, type IAspect, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { IConstruct } from 'constructs';

/** The cdk-nag rule that flags `*` in IAM actions and resources. */
const WILDCARD_RULE = 'AwsSolutions-IAM5';

interface ResolvedStatement {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Action?: string | string[];
  readonly Resource?: unknown;
}

/**
 * The wildcards this stack grants, each with the reason AWS makes it necessary. A wildcard is
 * acknowledged for cdk-nag only when every statement of a policy that produces it carries a
 * reason: by its Sid (statements this project writes, via `statement()`), or by an action it
 * grants (statements aws-cdk-lib writes, e.g. X-Ray or KMS grants, via `forAction()`). Any other
 * wildcard stays an AwsSolutions-IAM5 error, so a new one cannot slip in unexplained.
 */
export class WildcardJustifications implements IAspect {
  private static readonly instances = new WeakMap<Stack, WildcardJustifications>();

  private readonly bySid = new Map<string, string>();
  private readonly byAction = new Map<string, string>();

  /** The stack's registry; the first call registers it as an aspect of the stack. */
  static of(scope: IConstruct): WildcardJustifications {
    const stack = Stack.of(scope);
    let found = WildcardJustifications.instances.get(stack);
    if (!found) {
      found = new WildcardJustifications();
      WildcardJustifications.instances.set(stack, found);
      Aspects.of(stack).add(found);
    }
    return found;
  }

  /** A policy statement with a wildcard AWS requires; `sid` names it in the template. */
  statement(sid: string, reason: string, props: Omit<iam.PolicyStatementProps, 'sid'>): iam.PolicyStatement {
    const existing = this.bySid.get(sid);
    if (existing !== undefined && existing !== reason) throw new Error(`Statement id ${sid} has two reasons`);
    this.bySid.set(sid, reason);
    return new iam.PolicyStatement({ ...props, sid });
  }

  /** A reason for statements aws-cdk-lib writes that grant `action` (they carry no Sid of ours). */
  forAction(action: string, reason: string): void {
    if (!this.byAction.has(action)) this.byAction.set(action, reason);
  }

  visit(node: IConstruct): void {
    let documents: unknown[];
    if (node instanceof iam.CfnPolicy || node instanceof iam.CfnManagedPolicy) {
      documents = [node.policyDocument];
    } else if (node instanceof iam.CfnRole) {
      const policies = Stack.of(node).resolve(node.policies) as Array<{ policyDocument: unknown }> | undefined;
      documents = (policies ?? []).map((p) => p.policyDocument);
    } else {
      return;
    }
    const reasons = new Map<string, string[]>();
    const unexplained = new Set<string>();
    for (const document of documents) {
      const resolved = Stack.of(node).resolve(document) as { Statement?: ResolvedStatement[] } | undefined;
      for (const statement of resolved?.Statement ?? []) {
        if (statement.Effect !== 'Allow') continue;
        const found = wildcardFindings(statement);
        if (found.length === 0) continue;
        const reason = this.reasonOf(statement);
        for (const finding of found) {
          if (reason === undefined) unexplained.add(finding);
          else reasons.set(finding, [...(reasons.get(finding) ?? []), reason]);
        }
      }
    }
    for (const [finding, why] of reasons) {
      if (unexplained.has(finding)) continue;
      Validations.of(node).acknowledge({ id: `${WILDCARD_RULE}[${finding}]`, reason: [...new Set(why)].join(' ') });
    }
  }

  private reasonOf(statement: ResolvedStatement): string | undefined {
    if (statement.Sid !== undefined) return this.bySid.get(statement.Sid);
    const actions = asArray(statement.Action);
    // Every wildcard action needs its own reason; a wildcard resource is explained by any granted action's reason.
    for (const action of actions) {
      if (action.includes('*') && !this.byAction.has(action)) return undefined;
    }
    const reasons = actions.map((a) => this.byAction.get(a)).filter((r): r is string => r !== undefined);
    return reasons.length > 0 ? [...new Set(reasons)].join(' ') : undefined;
  }
}

/** The AwsSolutions-IAM5 findings of one statement, spelled as cdk-nag spells them. */
function wildcardFindings(statement: ResolvedStatement): string[] {
  const actions = asArray(statement.Action)
    .filter((a) => a.includes('*'))
    .map((a) => `Action::${a}`);
  const resources = asArray(statement.Resource as string | string[] | undefined)
    .map((r) => flattenCfnReference(r))
    .filter((r) => r.includes('*'))
    .map((r) => `Resource::${r}`);
  return [...actions, ...resources];
}

function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Acknowledges a cdk-nag rule on a construct and everything below it, with the reason. */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}
