import { type Field, type Schema, Struct, Type, validateValue } from '../../api';

/**
 * Builds the values of a new Struct field by field, checking each as Struct#put would (same
 * checks, same messages, same order), except where the value cannot fail them: a non-null value
 * copied from a struct field of the very same schema object, when that schema is not a container.
 * Such a value passed those checks when it was put (or was built for that schema by a converter,
 * as Struct.ofValues requires), and a primitive, a byte array, a Date or a BigDecimal still fits the
 * same schema later; arrays, maps and structs are checked again, since their contents can change.
 * So a transformation that copies most fields unchanged (InsertField, ReplaceField, Cast) does not
 * re-validate them once per transformation per record.
 */
export class StructValues {
  private readonly values: unknown[];

  constructor(private readonly schema: Schema) {
    this.values = new Array(schema.fields().length).fill(null);
  }

  /** Struct#put(field, value), for a value of any origin. */
  put(field: Field, value: unknown): this {
    validateValue(field.schema, value, field.name);
    this.values[field.index] = value ?? null;
    return this;
  }

  /** Struct#put(field, value) for a value read from a struct field whose schema is `from`. */
  copy(field: Field, value: unknown, from: Schema): this {
    if (value === null || value === undefined || from !== field.schema || !COPY_SAFE[from.type]) {
      validateValue(field.schema, value, field.name);
    }
    this.values[field.index] = value ?? null;
    return this;
  }

  /** The struct; this builder must not be used afterwards. */
  build(): Struct {
    return Struct.ofValues(this.schema, this.values);
  }
}

/** The types whose values cannot stop fitting their schema once they did (see StructValues). */
const COPY_SAFE: Readonly<Record<Type, boolean>> = {
  [Type.INT8]: true,
  [Type.INT16]: true,
  [Type.INT32]: true,
  [Type.INT64]: true,
  [Type.FLOAT32]: true,
  [Type.FLOAT64]: true,
  [Type.BOOLEAN]: true,
  [Type.STRING]: true,
  [Type.BYTES]: true,
  [Type.ARRAY]: false,
  [Type.MAP]: false,
  [Type.STRUCT]: false,
};
