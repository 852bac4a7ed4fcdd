import { addOffsetsToTxn } from './add-offsets-to-txn';
import { addPartitionsToTxn } from './add-partitions-to-txn';
import { apiVersions } from './api-versions';
import { createPartitions } from './create-partitions';
import { createTopics } from './create-topics';
import { deleteGroups } from './delete-groups';
import { deleteRecords } from './delete-records';
import { deleteTopics } from './delete-topics';
import { describeCluster } from './describe-cluster';
import { describeConfigs } from './describe-configs';
import { describeGroups } from './describe-groups';
import { endTxn } from './end-txn';
import { fetch } from './fetch';
import { findCoordinator } from './find-coordinator';
import { heartbeat } from './heartbeat';
import { initProducerId } from './init-producer-id';
import { joinGroup } from './join-group';
import { leaveGroup } from './leave-group';
import { listGroups } from './list-groups';
import { listOffsets } from './list-offsets';
import { metadata } from './metadata';
import { offsetCommit } from './offset-commit';
import { offsetDelete } from './offset-delete';
import { offsetFetch } from './offset-fetch';
import { produce } from './produce';
import { syncGroup } from './sync-group';
import { txnOffsetCommit } from './txn-offset-commit';
import type { AnyApiHandler } from './types';

export type { AnyApiHandler, ApiHandler, RequestContext, SupportedApi } from './types';

/**
 * Every API the broker serves, one handler per API key. The version ranges are the ones ApiVersions
 * advertises: they cover what kafkajs 2.2.4 (classic versions only), librdkafka (which negotiates) and
 * @platformatic/kafka (which picks the highest version it implements within the range) use.
 */
export const API_HANDLERS: readonly AnyApiHandler[] = [
  produce,
  fetch,
  listOffsets,
  metadata,
  offsetCommit,
  offsetFetch,
  findCoordinator,
  joinGroup,
  heartbeat,
  leaveGroup,
  syncGroup,
  describeGroups,
  listGroups,
  apiVersions,
  createTopics,
  deleteTopics,
  deleteRecords,
  initProducerId,
  addPartitionsToTxn,
  addOffsetsToTxn,
  endTxn,
  txnOffsetCommit,
  describeConfigs,
  createPartitions,
  deleteGroups,
  offsetDelete,
  describeCluster,
];
