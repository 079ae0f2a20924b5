import { Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { SMTP_SECRET_PASSWORD_KEY, SMTP_SECRET_USERNAME_KEY } from '#adapters/email/email-from-config';
import { TABLE_SCHEMA } from '#adapters/table-schema';
import { type DeploymentSettings, QUARANTINE_PREFIX } from '../settings.ts';

export interface StatefulStackProps extends StackProps {
  settings: DeploymentSettings;
}

/**
 * Everything that holds data and must survive a redeploy: the key, the uploads and log buckets, the
 * case table, the secrets, and (global regions) the Cognito user pools. All of it is retained.
 */
/** A user pool the console signs in to: the pool, its console client and its sign-in domain. */
export interface ConsoleUserPool {
  pool: cognito.UserPool;
  client: cognito.UserPoolClient;
  domain: cognito.UserPoolDomain;
}

export class StatefulStack extends Stack {
  readonly key: kms.Key;
  readonly uploadsBucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly table: dynamodb.TableV2;
  readonly entityKeySecret: secretsmanager.Secret;
  readonly smtpSecret: secretsmanager.Secret | undefined;
  /** Global regions: applicants sign in here (self sign-up, MFA optional); every account is an applicant. */
  readonly applicantPool: ConsoleUserPool | undefined;
  /** Global regions: officers and supervisors (admin-created, MFA required), roles from its groups. */
  readonly staffPool: ConsoleUserPool | undefined;

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
      timeToLiveAttribute: TABLE_SCHEMA.timeToLiveAttribute,
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
        // A placeholder the operator overwrites with the provider's credentials (docs/deploy.md), in
        // the shape the email functions read; host and port are context (smtpHost, smtpPort).
        generateSecretString: {
          secretStringTemplate: JSON.stringify({
            [SMTP_SECRET_USERNAME_KEY]: `no-reply@${settings.mailDomain}`,
          }),
          generateStringKey: SMTP_SECRET_PASSWORD_KEY,
        },
        removalPolicy: RemovalPolicy.RETAIN,
      });
      Validations.of(this.smtpSecret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'The password is issued by the external SMTP provider; it is rotated at the provider and written here by the operator (docs/deploy.md).',
      });
    } else {
      // Two pools, because Cognito cannot require MFA per group: applicants register themselves and
      // are not asked for MFA (the pool allows it; the console offers no enrolment); staff accounts
      // are created by an administrator and must use TOTP.
      this.applicantPool = this.consolePool('Applicant', {
        settings,
        corsOrigins,
        selfSignUp: true,
        mfa: cognito.Mfa.OPTIONAL,
        groups: [],
      });
      Validations.of(this.applicantPool.pool).acknowledge({
        id: 'AwsSolutions-COG2',
        reason:
          'Applicants are not required to use MFA (self-registered members of the public); officers and supervisors sign in to the staff pool, which requires it.',
      });
      this.staffPool = this.consolePool('Staff', {
        settings,
        corsOrigins,
        selfSignUp: false,
        mfa: cognito.Mfa.REQUIRED,
        groups: ['officer', 'supervisor'],
        // The office an officer works from (`BJ`, `SH`): the ID token's `custom:office`, which the API
        // holds presence records to (README, "Officers, their office"). Added attributes update a
        // deployed pool in place; a supervisor may leave it empty.
        customAttributes: { office: new cognito.StringAttribute({ minLen: 2, maxLen: 16, mutable: true }) },
      });
    }
  }

  /** A user pool with its groups, the console's client and a Cognito sign-in domain. */
  private consolePool(
    name: 'Applicant' | 'Staff',
    options: {
      settings: DeploymentSettings;
      corsOrigins: string[];
      selfSignUp: boolean;
      mfa: cognito.Mfa;
      groups: string[];
      customAttributes?: Record<string, cognito.ICustomAttribute>;
    },
  ): ConsoleUserPool {
    // The applicants' pool keeps the id of the one pool earlier versions had, so a deployed stack
    // updates it in place (accounts and their `sub`, which owns cases, survive; MFA REQUIRED →
    // OPTIONAL is an in-place change). Officers move to the new staff pool.
    const pool = new cognito.UserPool(this, name === 'Applicant' ? 'UserPool' : `${name}UserPool`, {
      selfSignUpEnabled: options.selfSignUp,
      signInAliases: { email: true },
      autoVerify: { email: true },
      mfa: options.mfa,
      ...(options.customAttributes ? { customAttributes: options.customAttributes } : {}),
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
      // Cognito's own sender allows a few dozen messages a day: once the SES identity of mailDomain
      // is verified (docs/deploy.md), sign-up and recovery codes go out through SES instead.
      ...(options.settings.cognitoEmailThroughSes
        ? {
            email: cognito.UserPoolEmail.withSES({
              fromEmail: `no-reply@${options.settings.mailDomain}`,
              fromName: 'ICP 备案 / ICP filing',
              sesVerifiedDomain: options.settings.mailDomain,
              sesRegion: this.region,
            }),
          }
        : {}),
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const group of options.groups) {
      new cognito.CfnUserPoolGroup(this, `${name}Group${group[0]?.toUpperCase()}${group.slice(1)}`, {
        userPoolId: pool.userPoolId,
        groupName: group,
        description: `ICP registration role: ${group}`,
      });
    }
    const client = pool.addClient('ConsoleClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        // The console is its own callback: it returns to its address with ?code=… (console/src/auth.ts).
        callbackUrls: options.corsOrigins.map((origin) => `${origin}/`),
        logoutUrls: options.corsOrigins.map((origin) => `${origin}/`),
      },
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
    });
    // The authorize, token and logout endpoints live on a domain; without one the pool is no OIDC provider.
    const domain = pool.addDomain('Domain', {
      cognitoDomain: {
        domainPrefix: `${options.settings.prefix.toLowerCase()}-${name.toLowerCase()}-${this.account}`,
      },
    });
    return { pool, client, domain };
  }
}
