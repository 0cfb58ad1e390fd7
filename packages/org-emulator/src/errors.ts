/** An error the Organizations API returns: `__type` is what the SDK maps to an exception class. */
export class OrganizationsError extends Error {
  constructor(
    public readonly type: string,
    message: string,
    public readonly status = 400,
    public readonly reason?: string,
  ) {
    super(message);
  }

  public toJSON(): Record<string, string> {
    return { __type: this.type, Message: this.message, ...(this.reason ? { Reason: this.reason } : {}) };
  }
}

export const notInUse = () =>
  new OrganizationsError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
export const constraint = (reason: string, message: string) =>
  new OrganizationsError('ConstraintViolationException', message, 400, reason);
export const invalid = (message: string) =>
  new OrganizationsError('InvalidInputException', message, 400, 'INVALID_INPUT');

/** An error of AWS Account Management (REST-JSON): its type goes in `x-amzn-errortype`, the body is `{ message }`. */
export class AccountApiError extends OrganizationsError {
  public toJSON(): Record<string, string> {
    return { message: this.message };
  }
}
