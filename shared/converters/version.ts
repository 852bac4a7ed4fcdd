/** The Apache Kafka release whose converters these match (what `version()` reports, as Kafka's AppInfoParser does). */
export const KAFKA_VERSION = '3.9.0';
