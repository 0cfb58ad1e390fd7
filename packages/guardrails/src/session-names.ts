/**
 * The names Session Manager's guardrail and Landfall's shared-services stacks agree on: the
 * guardrail admits sessions only by this role and through these documents, so they are fixed.
 */

/** The role administrators assume (with MFA) to start a session on the bastion. */
export const SESSION_ROLE_NAME = 'landfall-session-admin';

/** The account's Session Manager preferences (logging, encryption, timeouts), a name AWS fixes. */
export const SESSION_PREFERENCES_DOCUMENT = 'SSM-SessionManagerRunShell';

/** AWS's port-forwarding documents, which take the account's preferences: the only other way into a session. */
export const PORT_FORWARDING_DOCUMENTS = [
  'AWS-StartPortForwardingSession',
  'AWS-StartPortForwardingSessionToRemoteHost',
];

/** The tag that marks the recorded bastion: commands reach it only through a recorded session. */
export const BASTION_TAG = 'landfall:bastion';
