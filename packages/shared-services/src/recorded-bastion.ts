import { Annotations, Tags, Token, Validations } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { checkLinuxUserName, parseCidr } from './checks';
import { BASTION_TAG, DEFAULT_RUN_AS_USER } from './names';

/** A host and port the bastion forwards sessions to (Session Manager port forwarding to a remote host). */
export interface BastionForward {
  /** The host or network, as an IPv4 CIDR block. */
  readonly cidr: string;
  /** The TCP port (5432 for PostgreSQL, for example). */
  readonly port: number;
  /** What is reached, shown on the security group rule. */
  readonly description: string;
}

/** Props of `RecordedBastion`. */
/** Why the bastion's group launches one instance type (Control Tower's CT.AUTOSCALING.PR.6 asks for several). */
export const GROUP_OF_ONE_REASON =
  "The recorded bastion is an Auto Scaling group of exactly one instance, kept for self-healing and image updates, not for capacity: several instance types (a mixed instances policy) would add no availability to one instance, and cdk-nag's IMDSv2 and EBS-encryption rules read only a group's own launch template, so they could no longer prove the instance requires IMDSv2 and encrypts its volume. It launches one Nitro type that encrypts traffic between instances.";

export interface RecordedBastionProps {
  /** The hub VPC. */
  readonly vpc: ec2.IVpc;
  /**
   * The subnets the instance may run in: private isolated ones, in at least two availability zones.
   * @default { subnetGroupName: 'services' }
   */
  readonly subnets?: ec2.SubnetSelection;
  /** The CIDRs of the interface endpoints the instance reaches over HTTPS (ssm, ssmmessages, logs, kms, s3). */
  readonly endpointCidrs: string[];
  /**
   * Hosts administrators reach through the bastion by port forwarding.
   * @default - none
   */
  readonly forwardTo?: BastionForward[];
  /**
   * The region's S3 prefix list (`com.amazonaws.<region>.s3`), for session logs written to S3 through the
   * VPC's gateway endpoint: HTTPS to it is allowed.
   * @default - no S3: session logs in S3 need an S3 interface endpoint within endpointCidrs
   */
  readonly s3PrefixListId?: string;
  /** The session logging policy (`SessionManagerPreferences.instancePolicy`): the instance role's only policy. */
  readonly sessionPolicy: iam.IManagedPolicy;
  /**
   * The topic Auto Scaling tells of every launch and termination of the bastion's instance, and of their
   * failures. In this account and region; if a customer managed key encrypts it, the key policy must let
   * Auto Scaling's service-linked role (`AWSServiceRoleForAutoScaling`) use it.
   */
  readonly notificationTopic: sns.ITopic;
  /**
   * The key the root volume is encrypted with. Its key policy must let Auto Scaling's service-linked role
   * use it and create grants for AWS resources, as Landfall's data key (`EncryptionKeys`) does.
   * @default - the account's default EBS key
   */
  readonly volumeKey?: kms.IKey;
  /**
   * Size of the root volume in GiB, at least the image's.
   * @default 8
   */
  readonly rootVolumeGiB?: number;
  /**
   * The SSM parameter that names the image, resolved at each deployment. The image must
   * include the SSM agent: AL2023's minimal image does not.
   * @default '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64'
   */
  readonly imageParameterName?: string;
  /**
   * The instance type: a Nitro type that encrypts traffic between instances (Control Tower's CT.EC2.PR.15
   * asks for Nitro), of the image's architecture.
   * @default ec2.InstanceType.of(ec2.InstanceClass.M7G, ec2.InstanceSize.MEDIUM)
   */
  readonly instanceType?: ec2.InstanceType;
  /**
   * The user sessions run as (the preferences' `runAsUser`); user data creates it, not a sudoer.
   * @default 'landfall-session'
   */
  readonly runAsUser?: string;
}

const DEFAULT_INSTANCE_TYPE = ec2.InstanceType.of(ec2.InstanceClass.M7G, ec2.InstanceSize.MEDIUM);

/**
 * The hub's bastion: an Auto Scaling group of exactly one instance, reached only through Session
 * Manager, whose sessions the account's preferences record. No key pair, no inbound rule, and no
 * public address (its network interface asks for none, and it runs in private isolated subnets);
 * outbound only HTTPS to the hub's interface endpoints (ssm, ssmmessages, ec2messages, logs, kms,
 * s3) and the forwarded ports to the listed hosts. IMDSv2 only, detailed monitoring, and an
 * encrypted root volume. Sessions run as an unprivileged user that user data creates. Its role
 * has no AWS managed policy: only the session logging policy. The image must include the SSM agent.
 *
 * The image is resolved from its SSM parameter at each deployment: a newer image makes a new
 * launch template version, and CloudFormation then replaces the group, making the new one before
 * it deletes the old. The group spans the subnets' zones, so a lost zone costs one relaunch.
 *
 * HIPAA: 164.312(a)(1) access control; 164.312(b) audit controls; 164.312(d) person or entity
 * authentication; 164.312(a)(2)(iv) encryption and decryption.
 */
export class RecordedBastion extends Construct {
  public readonly autoScalingGroup: autoscaling.AutoScalingGroup;
  public readonly launchTemplate: ec2.LaunchTemplate;
  public readonly securityGroup: ec2.SecurityGroup;
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: RecordedBastionProps) {
    super(scope, id);
    const subnets = validate(props);
    this.securityGroup = this.ownSecurityGroup(props);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: 'Landfall bastion: Session Manager sessions, encrypted and logged',
      managedPolicies: [props.sessionPolicy],
    });
    this.launchTemplate = this.ownLaunchTemplate(props);
    this.autoScalingGroup = this.groupOfOne(props, subnets);
    Tags.of(this.autoScalingGroup).add(BASTION_TAG.key, BASTION_TAG.value, { applyToLaunchedInstances: true });
  }

  /** No inbound rule; outbound only HTTPS to the interface endpoints and the forwarded ports to their hosts. */
  private ownSecurityGroup(props: RecordedBastionProps): ec2.SecurityGroup {
    const sg = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      allowAllOutbound: false,
      description: 'Landfall bastion: no inbound; HTTPS to the interface endpoints, forwarded ports to listed hosts',
    });
    for (const cidr of props.endpointCidrs) {
      sg.addEgressRule(ec2.Peer.ipv4(cidr), ec2.Port.tcp(443), `interface endpoints ${cidr}`);
    }
    if (props.s3PrefixListId) {
      sg.addEgressRule(
        ec2.Peer.prefixList(props.s3PrefixListId),
        ec2.Port.tcp(443),
        'S3 (session logs) through the gateway endpoint',
      );
    }
    for (const f of props.forwardTo ?? []) {
      sg.addEgressRule(ec2.Peer.ipv4(f.cidr), ec2.Port.tcp(f.port), f.description);
    }
    return sg;
  }

  /** The instance, as Auto Scaling launches it: a new version of this template replaces the group. */
  private ownLaunchTemplate(props: RecordedBastionProps): ec2.LaunchTemplate {
    const runAsUser = props.runAsUser ?? DEFAULT_RUN_AS_USER;
    const userData = ec2.UserData.forLinux();
    userData.addCommands(
      `id -u ${runAsUser} >/dev/null 2>&1 || useradd --create-home --shell /bin/bash ${runAsUser}`,
      `passwd -l ${runAsUser}`,
      // The agent's own user is a sudoer; sessions run as the user above, so nobody needs it.
      'rm -f /etc/sudoers.d/ssm-agent-users',
    );
    return new ec2.LaunchTemplate(this, 'LaunchTemplate', {
      versionDescription: 'Landfall bastion',
      machineImage: ec2.MachineImage.fromSsmParameter(
        props.imageParameterName ?? '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
        { os: ec2.OperatingSystemType.LINUX },
      ),
      instanceType: props.instanceType ?? DEFAULT_INSTANCE_TYPE,
      userData,
      role: this.role,
      securityGroup: this.securityGroup,
      associatePublicIpAddress: false,
      httpEndpoint: true,
      httpTokens: ec2.LaunchTemplateHttpTokens.REQUIRED,
      httpPutResponseHopLimit: 1,
      detailedMonitoring: true,
      ebsOptimized: true,
      blockDevices: [
        {
          deviceName: '/dev/xvda',
          volume: ec2.BlockDeviceVolume.ebs(props.rootVolumeGiB ?? 8, {
            encrypted: true,
            kmsKey: props.volumeKey,
            volumeType: ec2.EbsDeviceVolumeType.GP3,
            deleteOnTermination: true,
          }),
        },
      ],
    });
  }

  /**
   * One instance, in any of the subnets' zones. A rolling update of a group whose maximum is one must
   * take its only instance out first; a replacing update makes a new group and deletes the old one
   * only once the new one is made. One instance type, in the launch template: cdk-nag's IMDSv2 and EBS
   * rules read only a group's own launch template, not a mixed instances policy's.
   */
  private groupOfOne(props: RecordedBastionProps, subnets: ec2.SelectedSubnets): autoscaling.AutoScalingGroup {
    const group = new autoscaling.AutoScalingGroup(this, 'Group', {
      vpc: props.vpc,
      vpcSubnets: { subnets: subnets.subnets },
      launchTemplate: this.launchTemplate,
      minCapacity: 1,
      maxCapacity: 1,
      desiredCapacity: 1,
      updatePolicy: autoscaling.UpdatePolicy.replacingUpdate(),
      notifications: [{ topic: props.notificationTopic, scalingEvents: autoscaling.ScalingEvents.ALL }],
    });
    // CDK warns that a desired capacity resets the group's size at each deployment: for a group of one, that is the point.
    Annotations.of(group).acknowledgeWarning('@aws-cdk/aws-autoscaling:desiredCapacitySet');
    Validations.of(group).acknowledge({
      id: 'cdk-validator-cfnguard::autoscaling_mixed_instances_policy_multiple_instance_types_check',
      reason: GROUP_OF_ONE_REASON,
    });
    // The zones as well as the subnets: the group names the zones it spans (Control Tower's CT.AUTOSCALING.PR.1).
    (group.node.defaultChild as autoscaling.CfnAutoScalingGroup).availabilityZones = subnets.availabilityZones;
    return group;
  }
}

function validate(props: RecordedBastionProps): ec2.SelectedSubnets {
  if (props.endpointCidrs.length === 0) {
    throw new Error(
      'RecordedBastion: endpointCidrs is empty — give the interface endpoints subnets, or sessions cannot connect',
    );
  }
  props.endpointCidrs.forEach((cidr, i) => parseCidr(cidr, `RecordedBastion: endpointCidrs[${i}]`));
  (props.forwardTo ?? []).forEach((f, i) => {
    parseCidr(f.cidr, `RecordedBastion: forwardTo[${i}].cidr`);
    if (!Number.isInteger(f.port) || f.port < 1 || f.port > 65535) {
      throw new Error(`RecordedBastion: forwardTo[${i}].port is ${f.port}; give a TCP port from 1 to 65535`);
    }
  });
  checkLinuxUserName(props.runAsUser ?? DEFAULT_RUN_AS_USER, 'RecordedBastion: runAsUser');
  return checkSubnets(props);
}

function checkSubnets(props: RecordedBastionProps): ec2.SelectedSubnets {
  const selected = props.vpc.selectSubnets(props.subnets ?? { subnetGroupName: 'services' });
  if (selected.subnets.length === 0 || selected.subnets.some((s) => !props.vpc.isolatedSubnets.includes(s))) {
    throw new Error(
      "RecordedBastion: subnets selects no subnet or one that is not private isolated; select the hub's services subnets",
    );
  }
  const zones = selected.availabilityZones;
  if (!zones.some((z) => Token.isUnresolved(z)) && new Set(zones).size < 2) {
    throw new Error(
      `RecordedBastion: subnets are all in ${zones[0]}; select private isolated subnets in at least two availability zones`,
    );
  }
  return selected;
}
