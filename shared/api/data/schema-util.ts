import { type Schema, Type } from './schema';
import { SchemaBuilder } from './schema-builder';

/**
 * Copies a schema's name, version, doc and parameters onto a builder (Kafka's
 * SchemaUtil.copySchemaBasics); type, optionality, default and fields are the caller's to set.
 */
export function copySchemaBasics(source: Schema, builder: SchemaBuilder = builderOfType(source)): SchemaBuilder {
  builder.name(source.name);
  builder.version(source.version);
  builder.doc(source.doc);
  if (source.parameters) builder.parameters(source.parameters);
  return builder;
}

function builderOfType(source: Schema): SchemaBuilder {
  if (source.type === Type.ARRAY) return SchemaBuilder.array(source.valueSchema());
  if (source.type === Type.MAP) return SchemaBuilder.map(source.keySchema(), source.valueSchema());
  return SchemaBuilder.type(source.type);
}
