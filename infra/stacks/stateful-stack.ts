import { Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { TABLE_SCHEMA } from '#adapters/table-schema';
import { type DeploymentSettings, QUARANTINE_PREFIX } from '../settings.ts';

export interface StatefulStackProps extends StackProps {
  settings: DeploymentSettings;
}

/**
 * Everything that holds data and must survive a redeploy: the key, the uploads and log buckets, the
 * case table, the secrets, and (global regions) the Cognito user pool. All of it is retained.
 */
export class StatefulStack extends Stack {
  readonly key: kms.Key;
  readonly uploadsBucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly table: dynamodb.TableV2;
  readonly entityKeySecret: secretsmanager.Secret;
  readonly smtpSecret: secretsmanager.Secret | undefined;
  readonly userPool: cognito.UserPool | undefined;
  readonly userPoolClient: cognito.UserPoolClient | undefined;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { settings } = props;

    this.key = new kms.Key(this, 'DataKey', {
      description: 'ICP registration: uploads, case table and secrets (personal data)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.logBucket = new s3.Bucket(this, 'AccessLogBucket', {
      // S3 server access logs can only be delivered to SSE-S3 buckets.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it into itself would loop.',
    });

    const corsOrigins =
      settings.consoleOrigins.length > 0 ? settings.consoleOrigins : ['http://localhost:5173'];
    this.uploadsBucket = new s3.Bucket(this, 'UploadsBucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'uploads-bucket/',
      cors: [
        {
          // Presigned POST from the console; GET for presigned downloads shown to officers.
          allowedMethods: [s3.HttpMethods.POST, s3.HttpMethods.GET],
          allowedOrigins: corsOrigins,
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag', 'x-amz-version-id'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        { id: 'expire-quarantine', prefix: QUARANTINE_PREFIX, expiration: Duration.days(30) },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        { id: 'expire-old-versions', noncurrentVersionExpiration: Duration.days(90) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // EventBridge notifications as a plain bucket property: no notifications custom resource.
    const cfnUploads = this.uploadsBucket.node.defaultChild as s3.CfnBucket;
    cfnUploads.notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };

    const keys = TABLE_SCHEMA.keys;
    this.table = new dynamodb.TableV2(this, 'CaseTable', {
      partitionKey: { name: keys.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: keys.sortKey, type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(this.key),
      globalSecondaryIndexes: TABLE_SCHEMA.indexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      })),
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.entityKeySecret = new secretsmanager.Secret(this, 'EntityKeySecret', {
      description: 'HMAC key for applicant-entity keys (one open case per entity)',
      encryptionKey: this.key,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.entityKeySecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The entity key derives stored lookup keys (one open case per applicant entity); rotating it would orphan them. Rotation is a planned migration, not a schedule.',
    });

    if (settings.isChina) {
      this.smtpSecret = new secretsmanager.Secret(this, 'SmtpSecret', {
        description: 'SMTP provider credentials (China regions have no SES): username, password',
        encryptionKey: this.key,
        generateSecretString: {
          secretStringTemplate: JSON.stringify({
            host: 'smtp.example.cn',
            port: 465,
            user: `no-reply@${settings.mailDomain}`,
          }),
          generateStringKey: 'password',
        },
        removalPolicy: RemovalPolicy.RETAIN,
      });
      Validations.of(this.smtpSecret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'The password is issued by the external SMTP provider; it is rotated at the provider and written here by the operator (docs/deploy.md).',
      });
    } else {
      this.userPool = new cognito.UserPool(this, 'UserPool', {
        selfSignUpEnabled: true,
        signInAliases: { email: true },
        autoVerify: { email: true },
        // Cognito has no per-group MFA: MFA is required for every account, so officers and
        // supervisors always have it (applicants enrol a TOTP app too).
        mfa: cognito.Mfa.REQUIRED,
        mfaSecondFactor: { otp: true, sms: false },
        passwordPolicy: {
          minLength: 12,
          requireDigits: true,
          requireLowercase: true,
          requireUppercase: true,
          requireSymbols: true,
          tempPasswordValidity: Duration.days(3),
        },
        accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
        featurePlan: cognito.FeaturePlan.PLUS,
        standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
        deletionProtection: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      for (const group of ['applicant', 'officer', 'supervisor']) {
        new cognito.CfnUserPoolGroup(this, `Group${group[0]?.toUpperCase()}${group.slice(1)}`, {
          userPoolId: this.userPool.userPoolId,
          groupName: group,
          description: `ICP registration role: ${group}`,
        });
      }
      this.userPoolClient = this.userPool.addClient('ConsoleClient', {
        generateSecret: false,
        authFlows: { userSrp: true },
        oAuth: {
          flows: { authorizationCodeGrant: true },
          scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
          callbackUrls: corsOrigins.map((origin) => `${origin}/callback`),
          logoutUrls: corsOrigins.map((origin) => `${origin}/`),
        },
        preventUserExistenceErrors: true,
        accessTokenValidity: Duration.hours(1),
        idTokenValidity: Duration.hours(1),
        refreshTokenValidity: Duration.days(1),
      });
    }
  }
}
