/** The result of validating one key (Kafka's ConfigValue): the parsed value, errors and recommendations. */
export class ConfigValue {
  value: unknown = null;
  recommendedValues: unknown[] = [];
  readonly errorMessages: string[] = [];
  visible = true;

  constructor(readonly name: string) {}

  addErrorMessage(message: string): void {
    this.errorMessages.push(message);
  }
}
