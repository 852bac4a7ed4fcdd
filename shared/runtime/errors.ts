import { ConnectError } from '../api';

/**
 * A transformation stage failed on a record (Kafka runs each stage through the
 * RetryWithToleranceOperator with Stage.TRANSFORMATION and the transform's class). It carries what
 * errors.tolerance, the error log and the DLQ context headers need: the stage's alias, the
 * executing class's Java name (`__connect.errors.class.name`), the stage's position and the record
 * it was given, so a retry can resume the chain at that stage. `cause` is the original error.
 *
 * With the RetryWithToleranceOperator: `attempt(() => chain.apply(record))`; on a failure whose
 * error is this one, `recover(failure, () => chain.applyFrom(err.record, err.stageIndex),
 * Stage.TRANSFORMATION, err.className, original)` retries just that stage and the rest, and the
 * reporters see `err.cause` as the exception (Kafka reports the transform's own exception).
 */
export class TransformationStageError extends ConnectError {
  override name = 'TransformationStageError';
  /** The error-handling stage, as the DLQ header `__connect.errors.stage` names it (Kafka's Stage.TRANSFORMATION). */
  readonly stage = 'TRANSFORMATION' as const;

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
