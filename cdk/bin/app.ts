import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConnectStack } from '../lib/connect-stack';
import { connectPropsFromContext } from '../lib/context';

/**
 * The CDK app: one ConnectStack configured from context (cdk.json, `-c key=value`; see
 * cdk/lib/context.ts and the README), checked by cdk-nag's AwsSolutions rules on every synth.
 * The stack is environment-agnostic, so `cdk synth` needs no credentials.
 */
const app = new App();
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
const props = connectPropsFromContext(app.node);
new ConnectStack(app, props.stackName, props);
