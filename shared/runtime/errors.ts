import { ConnectError } from '../api';

/**
 * A transformation stage failed on a record (Kafka runs each stage through the
 * RetryWithToleranceOperator with Stage.TRANSFORMATION and the transform's class). It carries what
 * errors.tolerance, the error log and the DLQ context headers need: the stage's alias, the
 * executing class's Java name (`__connect.errors.class.name`), the stage's position and the record
 * it was given, so a retry can resume the chain at that stage. `cause` is the original error.
 */
export class TransformationStageError extends ConnectError {
  override name = 'TransformationStageError';

  constructor(
    readonly alias: string,
    readonly className: string,
    readonly stageIndex: number,
    readonly record: unknown,
    cause: unknown,
  ) {
    super(
      `Transformation '${alias}' (${className}) failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}
