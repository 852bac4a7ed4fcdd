import {
  ConditionalCheckFailedException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  ResourceNotFoundException,
  ThrottlingException,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ConnectError, NotFoundError, RetriableError } from '../../../../shared/api';
import { isConditionalCheckFailed, toStoreError } from '../../../../shared/stores/dynamodb/sdk-errors';

const META = { $metadata: { httpStatusCode: 400 }, message: 'nope' };

describe('toStoreError', () => {
  it.each([
    ['throttled capacity', new ProvisionedThroughputExceededException(META)],
    ['throttling', new ThrottlingException(META)],
    ['the account request limit', new RequestLimitExceeded(META)],
    ['a server error', new InternalServerError({ ...META, $metadata: { httpStatusCode: 500 } })],
    ['an unreachable endpoint', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })],
    ['any 5xx', Object.assign(new Error('bad gateway'), { $metadata: { httpStatusCode: 502 } })],
  ])('makes %s a RetriableError that keeps the SDK error as cause', (_, sdkError) => {
    // Act
    const error = toStoreError(sdkError, 'Reading connector c');
    // Assess
    expect(error).toBeInstanceOf(RetriableError);
    expect(error.message).toMatch(/^Reading connector c failed, and may succeed if retried/);
    expect(error.cause).toBe(sdkError);
  });

  it('makes other SDK errors a plain ConnectError naming the operation', () => {
    // Prepare
    const sdkError = new ResourceNotFoundException({ ...META, message: 'Requested resource not found' });
    // Act
    const error = toStoreError(sdkError, 'Reading connector c');
    // Assess
    expect(error).toBeInstanceOf(ConnectError);
    expect(error).not.toBeInstanceOf(RetriableError);
    expect(error.message).toBe('Reading connector c failed (ResourceNotFoundException: Requested resource not found)');
  });

  it('passes the project’s own errors through', () => {
    const own = new NotFoundError('Connector c not found');
    expect(toStoreError(own, 'x')).toBe(own);
  });
});

describe('isConditionalCheckFailed', () => {
  it('recognises the SDK’s exception by name', () => {
    expect(isConditionalCheckFailed(new ConditionalCheckFailedException(META))).toBe(true);
    expect(isConditionalCheckFailed(new Error('other'))).toBe(false);
    expect(isConditionalCheckFailed(undefined)).toBe(false);
  });
});
