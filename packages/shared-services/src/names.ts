/**
 * The Session Manager documents Landfall's administrators may start sessions with, by name. AWS
 * fixes these names: the first holds the account's and region's session preferences (and is
 * the document a session without one uses); the two others are AWS's own port forwarding
 * documents. The session role allows only these, and a guardrail reuses them.
 */
export const SessionDocumentNames = {
  /** The account's preferences: a shell whose every session is logged. */
  RUN_SHELL: 'SSM-SessionManagerRunShell',
  /** Forwards a local port to a port of the instance. */
  PORT_FORWARDING: 'AWS-StartPortForwardingSession',
  /** Forwards a local port through the instance to a host it can reach (a database). */
  PORT_FORWARDING_TO_REMOTE_HOST: 'AWS-StartPortForwardingSessionToRemoteHost',
} as const;

/** The user sessions run as on Linux when the administrator's principal names none: no sudoer. */
export const DEFAULT_RUN_AS_USER = 'landfall-session';

/** The tag the bastion's instances carry: the session role starts sessions only on instances with it, and a guardrail keys on it. */
export const BASTION_TAG = { key: 'landfall:bastion', value: 'true' } as const;
