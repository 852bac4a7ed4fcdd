import { AbstractConfig, type ConfigDef } from '../../api';

/** A barebones AbstractConfig, as every Kafka transform parses its props (Kafka's SimpleConfig). */
export class SimpleConfig extends AbstractConfig {
  constructor(definition: ConfigDef, originals: Readonly<Record<string, unknown>>) {
    super(definition, originals);
  }
}
