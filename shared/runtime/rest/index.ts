export * from './entities';
export { type ErrorBody, statusOf, toErrorResponse } from './error-response';
export { RestError } from './rest-error';
