/**
 * A secret configuration value (Kafka's Password). Its text form is "[hidden]", so logging a
 * parsed config, or a template string, never shows the secret; `value()` reads it deliberately.
 */
export class Password {
  static readonly HIDDEN = '[hidden]';

  constructor(private readonly secret: string) {}

  value(): string {
    return this.secret;
  }

  toString(): string {
    return Password.HIDDEN;
  }

  toJSON(): string {
    return Password.HIDDEN;
  }

  equals(other: unknown): boolean {
    return other instanceof Password && other.secret === this.secret;
  }
}
