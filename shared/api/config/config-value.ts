/** The result of validating one key (Kafka's ConfigValue): the parsed value, errors and recommendations. */
export class ConfigValue {
  value: unknown;
  recommendedValues: unknown[];
  readonly errorMessages: string[];
  visible = true;

  constructor(
    readonly name: string,
    value: unknown = null,
    recommendedValues: readonly unknown[] = [],
    errorMessages: readonly string[] = [],
  ) {
    this.value = value;
    this.recommendedValues = [...recommendedValues];
    this.errorMessages = [...errorMessages];
  }

  addErrorMessage(message: string): void {
    this.errorMessages.push(message);
  }

  /** Kafka's ConfigValue#toString: "[name,value,recommendedValues,errorMessages,visible]". */
  toString(): string {
    const list = (items: readonly unknown[]) => `[${items.map(String).join(', ')}]`;
    return `[${this.name},${String(this.value)},${list(this.recommendedValues)},${list(this.errorMessages)},${this.visible}]`;
  }
}
