export { decode, encode, isFlexible } from './codec';
export { crc32c } from './crc32c';
export { ErrorCode, errorMessage, errorName } from './error-codes';
export { decodeRequest, encodeResponse, type RequestPrefix, readRequestPrefix, specsOf } from './frames';
export * from './messages';
export { Reader, Writer } from './primitives';
export * from './record-batch';
export {
  type FieldSpec,
  type Int64,
  inRange,
  type MessageSpec,
  parseVersions,
  type Records,
  type VersionRange,
} from './schema';
