export { ProducerIdManager } from './producer-ids';
export {
  type ProducerIdAndEpoch,
  TransactionCoordinator,
  type TransactionCoordinatorOptions,
  TransactionState,
} from './transaction-coordinator';
