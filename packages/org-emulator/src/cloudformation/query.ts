/**
 * The AWS Query protocol that CloudFormation and STS speak: form-encoded
 * requests (`Action=...&Parameters.member.1.ParameterKey=...`) and XML answers.
 */

/** A form body as nested values: `A.member.1.B=x` becomes `{ A: [{ B: 'x' }] }`. */
export function parseQuery(body: string): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const parts = key.split('.');
    let node: any = out;
    for (let i = 0; i < parts.length; i++) {
      const last = i === parts.length - 1;
      let part: string | number = parts[i];
      if (part === 'member' || part === 'entry') continue;
      if (/^\d+$/.test(part)) part = Number(part) - 1;
      if (last) {
        node[part] = value;
        break;
      }
      const next = parts[i + 1] === 'member' || parts[i + 1] === 'entry' ? [] : {};
      node[part] ??= next;
      node = node[part];
    }
  }
  return out;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A value as Query-protocol XML: lists as `<member>` elements, undefined left out. */
export function toXml(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => `<member>${toXml(v)}</member>`).join('');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `<${k}>${toXml(v)}</${k}>`)
      .join('');
  }
  return escape(String(value));
}

/** A successful answer: `<ActionResponse><ActionResult>...</ActionResult></ActionResponse>`. */
export function queryResponse(action: string, namespace: string, result: unknown, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${namespace}">` +
    `<${action}Result>${toXml(result)}</${action}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
  );
}

/** An error the Query protocol returns; `code` is what the SDK maps to an exception. */
export class QueryError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly status = 400,
  ) {
    super(message);
  }

  public toXml(namespace: string, requestId: string): string {
    const type = this.status >= 500 ? 'Receiver' : 'Sender';
    return (
      `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${namespace}"><Error><Type>${type}</Type>` +
      `<Code>${escape(this.code)}</Code><Message>${escape(this.message)}</Message></Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`
    );
  }
}

export const validationError = (message: string) => new QueryError('ValidationError', message);
