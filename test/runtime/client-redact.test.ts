/** Secret redaction used by the SOAP client before it builds an error. */
import { describe, expect, it } from 'vitest';
import {
  collectSecrets,
  DEFAULT_SECRET_FIELDS,
  isSecretField,
  redactElement,
  redactSecrets,
  scrubError,
  SoapRuntimeError,
  type XmlElement,
} from '@ecgrid/soap-runtime';

describe('isSecretField', () => {
  it('matches names containing a secret word, ignoring case', () => {
    for (const name of [
      'SessionID',
      'sessionId',
      'Password',
      'NewPassword',
      'HTTPPassword',
      'GenerateAPIKey',
      'SharedSecret',
      'SecretKey',
      'AccessToken',
      'AccessKey',
    ]) {
      expect(isSecretField(name), name).toBe(true);
    }
    for (const name of ['UserID', 'Key', 'Visibility', 'KeyID', 'MailboxID']) {
      expect(isSecretField(name), name).toBe(false);
    }
  });

  it('uses the given list instead of the default one', () => {
    expect(isSecretField('Key', ['Key'])).toBe(true);
    expect(isSecretField('SessionID', ['Key'])).toBe(false);
    expect(DEFAULT_SECRET_FIELDS).toContain('SessionID');
  });
});

describe('collectSecrets', () => {
  it('collects the string values of secret fields, nested ones included', () => {
    const input = {
      SessionID: 's-1',
      UserID: 5001,
      Login: { Password: 'p&w<d>', Name: 'alice' },
      Tokens: { AccessToken: ['t1', 't2'] },
      List: [{ APIKey: 'k1' }],
      Empty: { Password: '' },
    };
    expect(collectSecrets(input).sort()).toEqual(['k1', 'p&w<d>', 's-1', 't1', 't2']);
  });

  it('survives cycles and non-objects', () => {
    const a: Record<string, unknown> = { SessionID: 'x' };
    a.self = a;
    expect(collectSecrets(a)).toEqual(['x']);
    expect(collectSecrets(undefined)).toEqual([]);
    expect(collectSecrets('SessionID')).toEqual([]);
  });
});

describe('redactSecrets', () => {
  it('replaces the secret and its escaped forms', () => {
    const secret = 'a&b"c<d>';
    const text = `raw ${secret} xml a&amp;b&quot;c&lt;d&gt; text a&amp;b"c&lt;d&gt; url ${encodeURIComponent(secret)} json ${JSON.stringify(secret)}`;
    const clean = redactSecrets(text, [secret]);
    expect(clean).toBe('raw *** xml *** text *** url *** json "***"');
  });

  it('replaces a secret only where it stands as a whole token, so a short one alters no other text', () => {
    const fault =
      '<faultcode>soap:Client</faultcode><faultstring>session s expired; see http://127.0.0.1/s?id=s and s.</faultstring>';
    expect(redactSecrets(fault, ['s'])).toBe(
      '<faultcode>soap:Client</faultcode><faultstring>session *** expired; see http://127.0.0.1/***?id=*** and ***.</faultstring>',
    );
    expect(redactSecrets('connect to http://127.0.0.1:8080 failed for user 127', ['127'])).toBe(
      'connect to http://127.0.0.1:8080 failed for user ***',
    );
    expect(redactSecrets('abcdef abc_x x-abc-y abc-1 (abc) "abc"', ['abc'])).toBe(
      'abcdef abc_x x-abc-y abc-1 (***) "***"',
    );
    expect(redactSecrets('Grüße/Grü', ['Grü'])).toBe('Grüße/***');
    // From 8 characters on, a secret is replaced inside longer tokens too.
    expect(redactSecrets('key 0c7d51e2-suffix prefix0c7d51e2', ['0c7d51e2'])).toBe('key ***-suffix prefix***');
  });

  it('leaves text without secrets alone and ignores empty secrets', () => {
    expect(redactSecrets('nothing here', ['', 'zzz'])).toBe('nothing here');
  });
});

describe('redactElement and scrubError', () => {
  const detail: XmlElement = {
    kind: 'element',
    name: 'ErrorInfo',
    prefix: '',
    local: 'ErrorInfo',
    ns: 'https://os.ecgrid.io/',
    attributes: [{ name: 'session', prefix: '', local: 'session', ns: '', value: 'S3CR3T', offset: 0 }],
    declarations: {},
    scope: {},
    children: [{ kind: 'text', text: 'session S3CR3T expired', cdata: false, offset: 0 }],
    offset: 0,
    selfClosing: false,
  };

  it('redacts text and attribute values of an XML tree', () => {
    const clean = redactElement(detail, ['S3CR3T']);
    expect(JSON.stringify(clean)).not.toContain('S3CR3T');
    expect(clean.attributes[0]!.value).toBe('***');
    expect(JSON.stringify(detail)).toContain('S3CR3T'); // the original is untouched
  });

  it('scrubs message, stack, string fields, XML detail and the cause chain', () => {
    const cause = new Error('inner S3CR3T');
    const error = Object.assign(new SoapRuntimeError('x', 'outer S3CR3T', { cause }), {
      excerpt: 'body S3CR3T',
      detail,
    });
    scrubError(error, ['S3CR3T']);
    expect(error.message).toBe('outer ***');
    expect(error.stack).not.toContain('S3CR3T');
    expect(error.excerpt).toBe('body ***');
    expect(JSON.stringify(error.detail)).not.toContain('S3CR3T');
    expect(cause.message).toBe('inner ***');
  });
});
