import { App, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { WildcardJustifications } from '../../cdk/lib/nag';

/** A stack with one role; its findings are those of the statements a test adds. */
function roleStack() {
  const app = new App();
  const stack = new Stack(app, 'Nag');
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  return { app, stack, role };
}

function findings(app: App): string[] {
  app.synth();
  return new AwsSolutionsChecks(app).validateScope(app).violations.map((v) => v.ruleName);
}

describe('WildcardJustifications', () => {
  it('acknowledges a wildcard resource of a statement written with a reason', () => {
    // Prepare
    const { app, stack, role } = roleStack();
    // Act
    role.addToPolicy(
      WildcardJustifications.of(stack).statement('ListThings', 'ListEventSourceMappings has no resource type.', {
        actions: ['lambda:ListEventSourceMappings'],
        resources: ['*'],
      }),
    );
    // Assess
    expect(findings(app)).toEqual([]);
  });

  it('leaves a wildcard without a reason flagged, also next to an explained one with the same finding', () => {
    // Prepare
    const { app, stack, role } = roleStack();
    role.addToPolicy(
      WildcardJustifications.of(stack).statement('Explained', 'No resource type.', {
        actions: ['lambda:ListEventSourceMappings'],
        resources: ['*'],
      }),
    );
    // Act
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    // Assess
    expect(findings(app)).toEqual(['AwsSolutions-IAM5[Resource::*]']);
  });

  it('explains statements aws-cdk-lib writes by an action they grant, but never a wildcard action it does not know', () => {
    // Prepare
    const { app, stack, role } = roleStack();
    WildcardJustifications.of(stack).forAction('xray:PutTraceSegments', 'X-Ray has no resource type.');
    // Act
    role.addToPolicy(
      new iam.PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['xray:PutTraceSegments', 'kms:ReEncrypt*'],
        resources: ['arn:aws:kms:eu-west-1:123456789012:key/k'],
      }),
    );
    // Assess
    expect(findings(app)).toEqual(['AwsSolutions-IAM5[Action::kms:ReEncrypt*]']);
  });

  it('refuses one statement id with two reasons', () => {
    // Prepare
    const { stack } = roleStack();
    const justify = WildcardJustifications.of(stack);
    justify.statement('Twice', 'First reason.', { actions: ['s3:ListAllMyBuckets'], resources: ['*'] });
    // Act & Assess
    expect(() =>
      justify.statement('Twice', 'Second reason.', { actions: ['s3:ListAllMyBuckets'], resources: ['*'] }),
    ).toThrow(/two reasons/);
  });
});

describe('cdk-nag in the app', () => {
  it('fails synthesis of an app that registers the AwsSolutions pack as cdk/bin/app.ts does, on an unexplained wildcard', () => {
    // Prepare
    const { app, role } = roleStack();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    // Act
    const synthesize = () => app.synth();
    // Assess
    expect(synthesize).toThrow(/AwsSolutions-IAM5/);
  });
});
