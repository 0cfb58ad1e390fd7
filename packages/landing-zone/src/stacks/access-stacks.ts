import { SESSION_ROLE_NAME } from '@landfall/guardrails';
import {
  BastionSessionRole,
  ClientVpn,
  ClientVpnAccess,
  RecordedBastion,
  SessionManagerPreferences,
} from '@landfall/shared-services';
import { CfnOutput, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { acknowledgeImportedLogKey } from './imported-log-key';

/** Where Session Manager writes session logs in the log archive's delivery bucket: `<prefix>/<account ID>/`. */
export const SESSION_LOGS_PREFIX = 'session-manager';

export interface SessionsStackProps extends StackProps {
  /** The account's ID (or its review-only stand-in): session logs go under `session-manager/<it>/`. */
  readonly accountRef: string;
  /** The log archive's delivery bucket and its key. */
  readonly logBucketName: string;
  readonly logBucketKeyArn: string;
  /** Encrypts the session stream (the account's data key). */
  readonly sessionKey: kms.IKey;
  readonly logKey: kms.IKey;
  readonly logRetention: logs.RetentionDays;
  readonly idleSessionTimeoutMinutes: number;
}

/**
 * Every account that hosts servers, every governed region: the Session Manager preferences,
 * so that every session is recorded to the log archive and to CloudWatch Logs, encrypted,
 * and ends when idle.
 */
export class SessionsStack extends Stack {
  public readonly preferences: SessionManagerPreferences;

  constructor(scope: Construct, id: string, props: SessionsStackProps) {
    super(scope, id, props);
    this.preferences = new SessionManagerPreferences(this, 'Preferences', {
      logBucketName: props.logBucketName,
      logPrefix: `${SESSION_LOGS_PREFIX}/${props.accountRef}/`,
      logBucketKeyArn: props.logBucketKeyArn,
      sessionKey: props.sessionKey,
      logKey: props.logKey,
      logRetention: props.logRetention,
      idleSessionTimeoutMinutes: props.idleSessionTimeoutMinutes,
    });
    acknowledgeImportedLogKey(this.preferences.logGroup);
  }
}

/** The client VPN as the definition gives it, once it has a certificate and authentication. */
export interface AccessStackVpn {
  readonly clientCidr: string;
  readonly serverCertificateArn: string;
  readonly clientRootCertificateArn?: string;
  readonly samlProviderArn?: string;
  readonly selfServiceSamlProviderArn?: string;
  readonly splitTunnel: boolean;
  readonly sessionTimeoutHours: number;
  readonly authorizations: ClientVpnAccess[];
}

export interface AccessStackProps extends StackProps {
  /** The hub VPC (the hub stack's) and its inbound resolver's addresses. */
  readonly hubVpc: ec2.IVpc;
  readonly hubCidr: string;
  readonly resolverIps: string[];
  readonly sessionKey: kms.IKey;
  readonly sessionPolicy: iam.IManagedPolicy;
  /** The region's S3 prefix list (its encryption stack reads it): session logs reach S3 through the gateway endpoint. */
  readonly s3PrefixListId: string;
  readonly logKey: kms.IKey;
  readonly logRetention: logs.RetentionDays;
  /** Who may assume the session role, with MFA. */
  readonly admins: iam.IPrincipal[];
  /** IAM Identity Center permission sets whose roles may assume the session role (MFA at sign-in). */
  readonly identityCenterPermissionSets?: string[];
  /** Port forwarding through the bastion: CIDR and port. */
  readonly forwardTo: Array<{ readonly cidr: string; readonly port: number; readonly description: string }>;
  /** The client VPN, when the definition has its certificate and authentication. */
  readonly vpn?: AccessStackVpn;
}

const SESSION_TIMEOUTS: Record<number, ec2.ClientVpnSessionTimeout> = {
  8: ec2.ClientVpnSessionTimeout.EIGHT_HOURS,
  10: ec2.ClientVpnSessionTimeout.TEN_HOURS,
  12: ec2.ClientVpnSessionTimeout.TWELVE_HOURS,
  24: ec2.ClientVpnSessionTimeout.TWENTY_FOUR_HOURS,
};

/**
 * The shared-services account's way in for people: the recorded bastion in the hub's
 * services subnets, the MFA session role that may start sessions on it, and the client VPN.
 */
export class AccessStack extends Stack {
  public readonly bastion: RecordedBastion;
  public readonly sessionRole: BastionSessionRole;
  public readonly vpn?: ClientVpn;

  constructor(scope: Construct, id: string, props: AccessStackProps) {
    super(scope, id, props);
    // Auto Scaling reports every launch and termination of the bastion's instance here (subscribe the operators).
    const topic = new sns.Topic(this, 'BastionEvents', {
      displayName: 'Landfall bastion: instance launches and terminations',
      masterKey: props.sessionKey,
      enforceSSL: true,
    });
    this.bastion = new RecordedBastion(this, 'Bastion', {
      vpc: props.hubVpc,
      endpointCidrs: [props.hubCidr],
      s3PrefixListId: props.s3PrefixListId,
      forwardTo: props.forwardTo,
      sessionPolicy: props.sessionPolicy,
      notificationTopic: topic,
    });
    // The group names its zones (Control Tower's CT.AUTOSCALING.PR.1 reads them there); CloudFormation's linter
    // prefers them looked up, which synthesis here never does.
    Validations.of(this.bastion.autoScalingGroup).acknowledge({
      id: 'CloudFormation-Validate::W3010',
      reason:
        "The definition pins each region's availability zones (network.availabilityZones) so that synthesis never calls AWS; the bastion's Auto Scaling group names them because Control Tower's CT.AUTOSCALING.PR.1 reads the zones from the group.",
    });
    this.sessionRole = new BastionSessionRole(this, 'SessionRole', {
      roleName: SESSION_ROLE_NAME,
      trustedPrincipals: props.admins,
      identityCenterPermissionSets: props.identityCenterPermissionSets,
      sessionKey: props.sessionKey,
    });
    new CfnOutput(this, 'BastionGroupName', {
      value: this.bastion.autoScalingGroup.autoScalingGroupName,
      description: 'the bastion: the instance tagged landfall:bastion=true in this group',
    });
    new CfnOutput(this, 'SessionRoleArn', { value: this.sessionRole.role.roleArn });
    if (props.vpn) {
      const vpn = props.vpn;
      this.vpn = new ClientVpn(this, 'ClientVpn', {
        vpc: props.hubVpc,
        clientCidr: vpn.clientCidr,
        serverCertificateArn: vpn.serverCertificateArn,
        clientRootCertificateArn: vpn.clientRootCertificateArn,
        samlProviderArn: vpn.samlProviderArn,
        selfServiceSamlProviderArn: vpn.selfServiceSamlProviderArn,
        splitTunnel: vpn.splitTunnel,
        dnsServers: props.resolverIps,
        sessionTimeout: SESSION_TIMEOUTS[vpn.sessionTimeoutHours],
        logKey: props.logKey,
        logRetention: props.logRetention,
        authorizations: vpn.authorizations,
        loginBanner:
          'Landfall: this connection and every session on a server are recorded. Use it for authorized work only.',
      });
      acknowledgeImportedLogKey(this.vpn.logGroup);
      new CfnOutput(this, 'ClientVpnEndpointId', {
        value: this.vpn.endpoint.endpointId,
        description: 'aws ec2 export-client-vpn-client-configuration --client-vpn-endpoint-id <this>',
      });
    }
  }
}
