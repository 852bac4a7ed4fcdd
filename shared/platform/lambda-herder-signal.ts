import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { HerderSignal } from '../runtime';
import { toConnectError } from './aws-calls';
import type { PlatformLogger } from './source-schedules';

export interface LambdaHerderSignalOptions {
  readonly lambda: LambdaClient;
  /** ARN (or name) of the herder function. */
  readonly functionArn: string;
  readonly logger?: PlatformLogger;
}

/**
 * Tells the herder function that a connector changed by invoking it asynchronously with
 * `{"connector": name}`: the call returns once Lambda has queued the event, and the herder
 * converges in its own invocation. The REST function and the task functions use it.
 *
 * It never throws: the change it reports is already stored, the configs table stream fires the
 * herder for config writes anyway, and the periodic repair catches the rest (a task failure,
 * which only the statuses table records). A lost signal costs latency, never state.
 */
export class LambdaHerderSignal implements HerderSignal {
  constructor(private readonly options: LambdaHerderSignalOptions) {}

  async connectorChanged(name: string): Promise<void> {
    try {
      await this.options.lambda.send(
        new InvokeCommand({
          FunctionName: this.options.functionArn,
          InvocationType: 'Event',
          Payload: JSON.stringify({ connector: name }),
        }),
      );
    } catch (err) {
      this.options.logger?.warn('could not signal the herder; the configs stream or the periodic repair will', {
        connector: name,
        error: toConnectError('Invoking the herder', err),
      });
    }
  }
}
