/** Where in the data path an operation runs (Kafka's errors.Stage; names go in DLQ headers as is). */
export const Stage = {
  KEY_CONVERTER: 'KEY_CONVERTER',
  VALUE_CONVERTER: 'VALUE_CONVERTER',
  HEADER_CONVERTER: 'HEADER_CONVERTER',
  TRANSFORMATION: 'TRANSFORMATION',
  TASK_PUT: 'TASK_PUT',
  TASK_POLL: 'TASK_POLL',
  KAFKA_PRODUCE: 'KAFKA_PRODUCE',
  KAFKA_CONSUME: 'KAFKA_CONSUME',
} as const;
export type Stage = (typeof Stage)[keyof typeof Stage];

/** Stages where any error may be tolerated; elsewhere only retriable ones (Kafka's TOLERABLE_EXCEPTIONS). */
export const ANY_ERROR_TOLERABLE: ReadonlySet<Stage> = new Set([
  Stage.KEY_CONVERTER,
  Stage.VALUE_CONVERTER,
  Stage.HEADER_CONVERTER,
  Stage.TRANSFORMATION,
]);

/** errors.tolerance values. */
export const ToleranceType = { NONE: 'none', ALL: 'all' } as const;
export type ToleranceType = (typeof ToleranceType)[keyof typeof ToleranceType];
