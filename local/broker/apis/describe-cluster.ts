import { ApiKey, ErrorCode } from '../protocol';
import { AUTHORIZED_OPERATIONS_OMITTED } from './metadata';
import { defineApi } from './types';

/** Endpoint types (KIP-919): 1 brokers, 2 controllers. The dev broker is both. */
const EndpointType = { BROKER: 1, CONTROLLER: 2 } as const;

/** DescribeCluster: the cluster id and its one broker, which is also the controller (KIP-700). */
export const describeCluster = defineApi({
  apiKey: ApiKey.DescribeCluster,
  minVersion: 0,
  maxVersion: 1,
  handle(request, { broker, listener }) {
    const known = request.endpointType === EndpointType.BROKER || request.endpointType === EndpointType.CONTROLLER;
    return {
      errorCode: known ? ErrorCode.NONE : ErrorCode.UNSUPPORTED_ENDPOINT_TYPE,
      errorMessage: known ? null : `Unsupported endpoint type ${request.endpointType}`,
      endpointType: request.endpointType,
      clusterId: broker.config.clusterId,
      controllerId: broker.config.nodeId,
      brokers: known ? [{ brokerId: broker.config.nodeId, host: listener.host, port: listener.port, rack: null }] : [],
      clusterAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED,
    };
  },
});
