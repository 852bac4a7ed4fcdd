/**
 * `npm start`: the local runtime. Runs the same Lambda handlers against local parts (dev broker,
 * dynalite, an HTTP server in place of API Gateway, pollers and timers in place of ESMs and Scheduler).
 */
const PARTS = [
  ['Kafka-protocol dev broker on 127.0.0.1:9092', 'issue: dev broker'],
  ['DynamoDB (dynalite) under CONNECT_DATA_DIR', 'issue: REST API over DynamoDB'],
  ['Kafka Connect REST API on 127.0.0.1:8083', 'issue: REST API over DynamoDB'],
  ['herder, ESM pollers and source timers', 'issue: herder and local runtime'],
] as const;

console.log('serverless Kafka Connect: local runtime');
console.log('not built yet:');
for (const [part, where] of PARTS) console.log(`  - ${part} (${where})`);
