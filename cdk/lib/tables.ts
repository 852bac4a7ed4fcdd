import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ENV } from '../../shared/env';
import { TABLES, type TableId, type TableSchema } from '../../shared/stores/dynamodb/schema';

export interface ConnectTablesProps {
  /** Customer-managed key for the tables; DynamoDB's own (AWS owned) key when undefined. */
  readonly encryptionKey?: kms.IKey;
  /** Deletion protection; a protected table is also retained when the stack is deleted. */
  readonly deletionProtection: boolean;
}

/** What the stores call (shared/stores/dynamodb/table.ts): reads are consistent gets and queries. */
const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
/** Writes: single-item conditional writes and batched puts/deletes; no transactions, no scans. */
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

const STREAM_VIEW: Record<NonNullable<TableSchema['stream']>, dynamodb.StreamViewType> = {
  KEYS_ONLY: dynamodb.StreamViewType.KEYS_ONLY,
  NEW_IMAGE: dynamodb.StreamViewType.NEW_IMAGE,
  OLD_IMAGE: dynamodb.StreamViewType.OLD_IMAGE,
  NEW_AND_OLD_IMAGES: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
};

/**
 * The four tables of shared/stores/dynamodb/schema.ts (the same key schema createTables() builds
 * in dynalite): configs (with the KEYS_ONLY stream that fires the herder), offsets, statuses and
 * leases. On-demand billing, point-in-time recovery, optional customer-managed key and deletion
 * protection. Functions get access through grants named by intent, each listing the exact
 * DynamoDB actions the stores use.
 */
export class ConnectTables extends Construct {
  readonly configs: dynamodb.Table;
  readonly offsets: dynamodb.Table;
  readonly statuses: dynamodb.Table;
  readonly leases: dynamodb.Table;
  private readonly encryptionKey?: kms.IKey;

  constructor(scope: Construct, id: string, props: ConnectTablesProps) {
    super(scope, id);
    this.encryptionKey = props.encryptionKey;
    const table = (tableId: TableId): dynamodb.Table => {
      const schema: TableSchema = TABLES[tableId];
      return new dynamodb.Table(this, schema.logicalName, {
        partitionKey: { name: schema.partitionKey.name, type: dynamodb.AttributeType.STRING },
        sortKey: { name: schema.sortKey.name, type: dynamodb.AttributeType.STRING },
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        ...(props.encryptionKey
          ? { encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: props.encryptionKey }
          : { encryption: dynamodb.TableEncryption.DEFAULT }),
        ...(schema.stream ? { stream: STREAM_VIEW[schema.stream] } : {}),
        deletionProtection: props.deletionProtection,
        removalPolicy: props.deletionProtection ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      });
    };
    this.configs = table('configs');
    this.offsets = table('offsets');
    this.statuses = table('statuses');
    this.leases = table('leases');
  }

  /** The CONNECT_*_TABLE variables every function reads (functions/deps tableNamesFromEnv). */
  environment(): Record<string, string> {
    return {
      [ENV.configsTable]: this.configs.tableName,
      [ENV.offsetsTable]: this.offsets.tableName,
      [ENV.statusesTable]: this.statuses.tableName,
      [ENV.leasesTable]: this.leases.tableName,
    };
  }

  /** Task functions read connector and task configs; only the REST API and the herder change them. */
  grantConfigRead(grantee: iam.IGrantable): void {
    this.grant(grantee, this.configs, false);
  }

  /** Connector configs, target states, restart requests and task configs. */
  grantConfigReadWrite(grantee: iam.IGrantable): void {
    this.grant(grantee, this.configs, true);
  }

  /** Source offsets: source tasks commit them, the REST offsets API reads and alters them. */
  grantOffsetsReadWrite(grantee: iam.IGrantable): void {
    this.grant(grantee, this.offsets, true);
  }

  /** Connector and task statuses and active topics. */
  grantStatusesReadWrite(grantee: iam.IGrantable): void {
    this.grant(grantee, this.statuses, true);
  }

  /** Source task leases and sink retry bookkeeping. */
  grantLeasesReadWrite(grantee: iam.IGrantable): void {
    this.grant(grantee, this.leases, true);
  }

  private grant(grantee: iam.IGrantable, table: dynamodb.Table, write: boolean): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: write ? [...READ_ACTIONS, ...WRITE_ACTIONS] : READ_ACTIONS,
      resourceArns: [table.tableArn],
    });
    if (this.encryptionKey) {
      // Only through DynamoDB, and without wildcard actions (KMS's grantEncryptDecrypt uses ReEncrypt*).
      grantee.grantPrincipal.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: write
            ? ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey']
            : ['kms:Decrypt', 'kms:DescribeKey'],
          resources: [this.encryptionKey.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(this).region}.amazonaws.com` } },
        }),
      );
    }
  }
}
