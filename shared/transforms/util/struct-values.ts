import { type Field, type Schema, Type, validateValue } from '../../api';

/**
 * The values of a new Struct, filled field by field and checked as Struct#put would check them
 * (same checks, same messages, same order), then handed to Struct.ofValues: one array per struct
 * and no per-field lookup. A value copied unchanged from a struct field of the very same schema
 * object is not checked again when it cannot fail: non-null, and of a schema that is not a
 * container. Such a value passed those checks when it was put (or was built for that schema by a
 * converter, as Struct.ofValues requires), and a primitive, a byte array, a Date or a BigDecimal
 * still fits the same schema later; arrays, maps and structs are checked again, since their
 * contents can change. So a transformation that copies most fields unchanged (InsertField,
 * ReplaceField, Cast) does not re-validate them once per transformation per record.
 */
export function structValues(schema: Schema): unknown[] {
  return nullValues(schema.fields().length);
}

/** Arrays of nulls by length, copied rather than filled: a packed copy is several times faster than fill(). */
const NULLS: unknown[][] = [];

function nullValues(count: number): unknown[] {
  let template = NULLS[count];
  if (template === undefined) {
    template = [];
    for (let i = 0; i < count; i++) template.push(null);
    NULLS[count] = template;
  }
  return template.slice();
}

/** Struct#put(field, value), for a value of any origin. */
export function putValue(values: unknown[], field: Field, value: unknown): void {
  validateValue(field.schema, value, field.name);
  values[field.index] = value ?? null;
}

/**
 * Whether a value read from a struct field of schema `from` and put into `to` unchanged needs no
 * check when it is not null: the same schema object, not a container. Worked out once per plan.
 */
export function copiesSafely(from: Schema, to: Field): boolean {
  return from === to.schema && COPY_SAFE[from.type];
}

/**
 * Struct#put(field, value) for a value copied unchanged from a struct field; `safe` is
 * copiesSafely(its schema, field).
 */
export function copyValue(values: unknown[], field: Field, value: unknown, safe: boolean): void {
  if (value === null || value === undefined || !safe) validateValue(field.schema, value, field.name);
  values[field.index] = value ?? null;
}

/** The types whose values cannot stop fitting their schema once they did. */
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
