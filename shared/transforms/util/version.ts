/** The Apache Kafka release whose transforms these match (what `version()` reports, as AppInfoParser does). */
export const KAFKA_VERSION = '3.9.0';
