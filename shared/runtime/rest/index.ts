export * from './entities';
export { type ErrorBody, statusOf, toErrorResponse } from './error-response';
export { RestError, type RestErrorOptions } from './rest-error';
