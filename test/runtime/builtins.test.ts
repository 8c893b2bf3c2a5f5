import { describe, expect, it } from 'vitest';
import { BUILTINS, BuiltinValueError, builtinOf, type XsdBuiltin } from '@ecgrid/soap-runtime';

function rejects(type: XsdBuiltin, lexical: string): BuiltinValueError {
  try {
    BUILTINS[type].parse(lexical);
  } catch (error) {
    if (error instanceof BuiltinValueError) return error;
    throw error;
  }
  throw new Error(`${type} accepted ${JSON.stringify(lexical)}`);
}

function formatRejects(type: XsdBuiltin, value: unknown): BuiltinValueError {
  try {
    BUILTINS[type].format(value);
  } catch (error) {
    if (error instanceof BuiltinValueError) return error;
    throw error;
  }
  throw new Error(`${type} formatted ${String(value)}`);
}

const ALL: XsdBuiltin[] = [
  'anySimpleType',
  'string',
  'normalizedString',
  'token',
  'language',
  'Name',
  'NCName',
  'NMTOKEN',
  'NMTOKENS',
  'ID',
  'IDREF',
  'IDREFS',
  'ENTITY',
  'ENTITIES',
  'QName',
  'NOTATION',
  'anyURI',
  'boolean',
  'decimal',
  'integer',
  'nonPositiveInteger',
  'negativeInteger',
  'long',
  'int',
  'short',
  'byte',
  'nonNegativeInteger',
  'unsignedLong',
  'unsignedInt',
  'unsignedShort',
  'unsignedByte',
  'positiveInteger',
  'float',
  'double',
  'duration',
  'dateTime',
  'time',
  'date',
  'gYearMonth',
  'gYear',
  'gMonthDay',
  'gDay',
  'gMonth',
  'base64Binary',
  'hexBinary',
];

describe('builtins table', () => {
  it('has a codec for every builtin and resolves type ids', () => {
    expect(Object.keys(BUILTINS).sort()).toEqual([...ALL].sort());
    expect(builtinOf('{http://www.w3.org/2001/XMLSchema}int')?.name).toBe('int');
    expect(builtinOf('{http://www.w3.org/2001/XMLSchema}anyType')).toBeUndefined();
    expect(builtinOf('{http://www.w3.org/2001/XMLSchema}toString')).toBeUndefined();
    expect(builtinOf('{urn:other}int')).toBeUndefined();
  });
});

describe('string-like types', () => {
  it('keeps string exactly and applies whiteSpace facets to derived types', () => {
    expect(BUILTINS.string.parse('  a\n\tb  ')).toBe('  a\n\tb  ');
    expect(BUILTINS.anySimpleType.parse(' x ')).toBe(' x ');
    expect(BUILTINS.normalizedString.parse(' a\n\tb ')).toBe(' a  b ');
    expect(BUILTINS.token.parse('  a \n\t b  ')).toBe('a b');
    expect(BUILTINS.anyURI.parse(' https://os.ecgrid.io/ ')).toBe('https://os.ecgrid.io/');
  });

  it('validates names, tokens and QNames', () => {
    expect(BUILTINS.language.parse(' en-US ')).toBe('en-US');
    rejects('language', 'englishlanguage');
    rejects('language', 'en_US');
    expect(BUILTINS.Name.parse('a:b')).toBe('a:b');
    rejects('Name', '1a');
    expect(BUILTINS.NCName.parse('\u00e9l\u00e9ment')).toBe('\u00e9l\u00e9ment');
    rejects('NCName', 'a:b');
    expect(BUILTINS.NMTOKEN.parse('1-a.b')).toBe('1-a.b');
    rejects('NMTOKEN', 'a b');
    expect(BUILTINS.NMTOKENS.parse(' a  b\nc ')).toBe('a b c');
    rejects('NMTOKENS', '');
    expect(BUILTINS.ID.parse('id1')).toBe('id1');
    rejects('ID', '1id');
    rejects('IDREF', 'a:b');
    expect(BUILTINS.IDREFS.parse('a b')).toBe('a b');
    rejects('IDREFS', 'a 1');
    expect(BUILTINS.ENTITY.parse('e')).toBe('e');
    expect(BUILTINS.ENTITIES.parse('e f')).toBe('e f');
    expect(BUILTINS.QName.parse(' tns:KeyIDInfo ')).toBe('tns:KeyIDInfo');
    rejects('QName', 'a:b:c');
    rejects('QName', ':a');
    expect(BUILTINS.NOTATION.parse('n:x')).toBe('n:x');
  });

  it('refuses non-strings and characters XML cannot carry when formatting', () => {
    expect(formatRejects('string', 5).code).toBe('invalid-type');
    expect(formatRejects('string', 'a\u0000b').code).toBe('invalid-value');
    expect(formatRejects('string', 'a\uD800').code).toBe('invalid-value');
    expect(BUILTINS.string.format('a\u{1F600}\n<')).toBe('a\u{1F600}\n<');
  });
});

describe('boolean', () => {
  it('accepts true/false/1/0 and formats true/false', () => {
    expect(BUILTINS.boolean.parse('true')).toBe(true);
    expect(BUILTINS.boolean.parse(' 1 ')).toBe(true);
    expect(BUILTINS.boolean.parse('false')).toBe(false);
    expect(BUILTINS.boolean.parse('0')).toBe(false);
    rejects('boolean', 'TRUE');
    rejects('boolean', 'yes');
    expect(BUILTINS.boolean.format(true)).toBe('true');
    expect(BUILTINS.boolean.format(false)).toBe('false');
    expect(formatRejects('boolean', 'true').code).toBe('invalid-type');
    expect(BUILTINS.boolean.toJson(true)).toBe(true);
    expect(BUILTINS.boolean.fromJson(false)).toBe(false);
  });
});

describe('number integers', () => {
  it('accepts integer lexical forms with sign and leading zeros', () => {
    expect(BUILTINS.int.parse('+12')).toBe(12);
    expect(BUILTINS.int.parse('-0042')).toBe(-42);
    expect(BUILTINS.int.parse(' 7 ')).toBe(7);
    expect(Object.is(BUILTINS.int.parse('-0'), 0)).toBe(true);
  });

  it('rejects non-integer lexical forms', () => {
    for (const lexical of ['1.0', '1e3', '', ' ', '0x10', '1 2', '+', 'NaN', '١']) {
      expect(rejects('int', lexical).code).toBe('invalid-value');
    }
  });

  it('range-checks every bounded type', () => {
    const ranges: [XsdBuiltin, number, number][] = [
      ['int', -2147483648, 2147483647],
      ['short', -32768, 32767],
      ['byte', -128, 127],
      ['unsignedInt', 0, 4294967295],
      ['unsignedShort', 0, 65535],
      ['unsignedByte', 0, 255],
    ];
    for (const [type, min, max] of ranges) {
      expect(BUILTINS[type].parse(String(min))).toBe(min);
      expect(BUILTINS[type].parse(String(max))).toBe(max);
      expect(rejects(type, String(min - 1)).code).toBe('out-of-range');
      expect(rejects(type, String(max + 1)).code).toBe('out-of-range');
      expect(formatRejects(type, max + 1).code).toBe('out-of-range');
    }
  });

  it('formats plain integers and validates JS values', () => {
    expect(BUILTINS.int.format(1043)).toBe('1043');
    expect(BUILTINS.int.format(-5)).toBe('-5');
    expect(formatRejects('int', 1.5).code).toBe('invalid-value');
    expect(formatRejects('int', '1').code).toBe('invalid-type');
    expect(formatRejects('int', 1n).code).toBe('invalid-type');
    expect(BUILTINS.int.toJson(5)).toBe(5);
    expect(BUILTINS.int.fromJson(5)).toBe(5);
    expect(BUILTINS.int.fromJson('5')).toBe(5);
  });
});

describe('bigint integers', () => {
  it('keeps long precision exactly', () => {
    const max = BUILTINS.long.parse('9223372036854775807');
    expect(max).toBe(9223372036854775807n);
    expect(BUILTINS.long.format(max)).toBe('9223372036854775807');
    expect(BUILTINS.long.parse('-9223372036854775808')).toBe(-9223372036854775808n);
    expect(rejects('long', '9223372036854775808').code).toBe('out-of-range');
    expect(rejects('long', '-9223372036854775809').code).toBe('out-of-range');
    expect(BUILTINS.long.parse('+0001')).toBe(1n);
  });

  it('never accepts a JS number for bigint types', () => {
    expect(formatRejects('long', 5).code).toBe('invalid-type');
    expect(formatRejects('integer', 5).code).toBe('invalid-type');
  });

  it('checks the bounds of each unbounded/unsigned type', () => {
    expect(BUILTINS.integer.parse('123456789012345678901234567890')).toBe(123456789012345678901234567890n);
    expect(BUILTINS.unsignedLong.parse('18446744073709551615')).toBe(18446744073709551615n);
    expect(rejects('unsignedLong', '18446744073709551616').code).toBe('out-of-range');
    expect(rejects('unsignedLong', '-1').code).toBe('out-of-range');
    expect(BUILTINS.nonNegativeInteger.parse('0')).toBe(0n);
    expect(rejects('nonNegativeInteger', '-1').code).toBe('out-of-range');
    expect(BUILTINS.positiveInteger.parse('1')).toBe(1n);
    expect(rejects('positiveInteger', '0').code).toBe('out-of-range');
    expect(BUILTINS.nonPositiveInteger.parse('-0')).toBe(0n);
    expect(rejects('nonPositiveInteger', '1').code).toBe('out-of-range');
    expect(BUILTINS.negativeInteger.parse('-1')).toBe(-1n);
    expect(rejects('negativeInteger', '0').code).toBe('out-of-range');
    expect(rejects('integer', '1.0').code).toBe('invalid-value');
  });

  it('uses strings of digits in JSON', () => {
    expect(BUILTINS.long.toJson(9223372036854775807n)).toBe('9223372036854775807');
    expect(BUILTINS.long.fromJson('9223372036854775807')).toBe(9223372036854775807n);
    expect(BUILTINS.long.fromJson(42)).toBe(42n);
    expect(() => BUILTINS.long.fromJson(2 ** 60)).toThrow(BuiltinValueError);
  });
});

describe('float and double', () => {
  it('accepts decimal, exponent and special forms', () => {
    expect(BUILTINS.double.parse('1.5')).toBe(1.5);
    expect(BUILTINS.double.parse('-1.5E-3')).toBe(-0.0015);
    expect(BUILTINS.double.parse('.5')).toBe(0.5);
    expect(BUILTINS.double.parse('5.')).toBe(5);
    expect(BUILTINS.double.parse('INF')).toBe(Infinity);
    expect(BUILTINS.double.parse('-INF')).toBe(-Infinity);
    expect(BUILTINS.float.parse('NaN')).toBeNaN();
    expect(BUILTINS.float.parse('1e3')).toBe(1000);
    for (const bad of ['Infinity', 'inf', 'nan', '1e', 'e3', '', '1.2.3', '- 1', '0x1']) rejects('double', bad);
  });

  it('formats via shortest round trip with INF/-INF/NaN', () => {
    expect(BUILTINS.double.format(0.1)).toBe('0.1');
    expect(BUILTINS.double.format(1e21)).toBe('1e+21');
    expect(BUILTINS.double.format(Infinity)).toBe('INF');
    expect(BUILTINS.double.format(-Infinity)).toBe('-INF');
    expect(BUILTINS.double.format(NaN)).toBe('NaN');
    expect(BUILTINS.double.parse(BUILTINS.double.format(1e21))).toBe(1e21);
    expect(BUILTINS.double.toJson(Infinity)).toBe('INF');
    expect(BUILTINS.double.toJson(NaN)).toBe('NaN');
    expect(BUILTINS.double.toJson(2.5)).toBe(2.5);
    expect(BUILTINS.double.fromJson('-INF')).toBe(-Infinity);
    expect(BUILTINS.double.fromJson(2.5)).toBe(2.5);
  });
});

describe('decimal', () => {
  it('keeps the exact lexical form as a string', () => {
    expect(BUILTINS.decimal.parse('12345678901234567890.123456789')).toBe('12345678901234567890.123456789');
    expect(BUILTINS.decimal.parse(' -0.50 ')).toBe('-0.50');
    expect(BUILTINS.decimal.parse('+.5')).toBe('+.5');
    expect(BUILTINS.decimal.format('1.10')).toBe('1.10');
    for (const bad of ['1e3', '', '.', '1,5', 'INF', '--1']) rejects('decimal', bad);
    expect(formatRejects('decimal', 1.5).code).toBe('invalid-type');
    expect(BUILTINS.decimal.toJson('1.10')).toBe('1.10');
  });
});

describe('dates and times', () => {
  it('keeps the lexical form of dateTime exactly, zone or no zone', () => {
    expect(BUILTINS.dateTime.parse('2026-05-07T10:00:00')).toBe('2026-05-07T10:00:00');
    expect(BUILTINS.dateTime.parse('2026-05-07T10:00:00.1234567Z')).toBe('2026-05-07T10:00:00.1234567Z');
    expect(BUILTINS.dateTime.parse('2026-05-07T10:00:00+02:00')).toBe('2026-05-07T10:00:00+02:00');
    expect(BUILTINS.dateTime.parse('-0044-03-15T12:00:00-14:00')).toBe('-0044-03-15T12:00:00-14:00');
    expect(BUILTINS.dateTime.parse('2024-02-29T24:00:00')).toBe('2024-02-29T24:00:00');
    expect(BUILTINS.dateTime.format('2026-05-07T10:00:00')).toBe('2026-05-07T10:00:00');
    expect(BUILTINS.dateTime.toJson('2026-05-07T10:00:00')).toBe('2026-05-07T10:00:00');
  });

  it('rejects invalid dateTime forms and ranges', () => {
    for (const bad of [
      '2026-13-07T10:00:00',
      '2026-00-07T10:00:00',
      '2026-05-32T10:00:00',
      '2026-04-31T10:00:00',
      '2025-02-29T10:00:00',
      '2026-05-07T25:00:00',
      '2026-05-07T10:60:00',
      '2026-05-07T10:00:60',
      '2026-05-07T24:00:01',
      '2026-05-07 10:00:00',
      '2026-05-07T10:00',
      '2026-05-07T10:00:00.',
      '2026-05-07T10:00:00+15:00',
      '2026-05-07T10:00:00+0200',
      '26-05-07T10:00:00',
      '2026-5-7T10:00:00',
    ]) {
      expect(rejects('dateTime', bad).code).toBe('invalid-value');
    }
    expect(formatRejects('dateTime', new Date()).code).toBe('invalid-type');
    expect(formatRejects('dateTime', '2026-02-30T00:00:00').code).toBe('invalid-value');
  });

  it('validates date, time and the g* types', () => {
    expect(BUILTINS.date.parse('2024-02-29')).toBe('2024-02-29');
    expect(BUILTINS.date.parse('2026-05-07Z')).toBe('2026-05-07Z');
    rejects('date', '2023-02-29');
    rejects('date', '2026-05-07T00:00:00');
    expect(BUILTINS.time.parse('23:59:59.5+01:00')).toBe('23:59:59.5+01:00');
    rejects('time', '24:30:00');
    expect(BUILTINS.gYearMonth.parse('2026-05')).toBe('2026-05');
    rejects('gYearMonth', '2026-13');
    expect(BUILTINS.gYear.parse('2026Z')).toBe('2026Z');
    rejects('gYear', '26');
    expect(BUILTINS.gMonthDay.parse('--02-29')).toBe('--02-29');
    rejects('gMonthDay', '--02-30');
    rejects('gMonthDay', '--04-31');
    expect(BUILTINS.gDay.parse('---31')).toBe('---31');
    rejects('gDay', '---32');
    expect(BUILTINS.gMonth.parse('--12')).toBe('--12');
    rejects('gMonth', '--13');
  });

  it('validates durations', () => {
    for (const ok of ['P1Y2M3DT4H5M6.7S', 'PT0S', '-P1D', 'P1M', 'PT1M', 'P0Y']) {
      expect(BUILTINS.duration.parse(ok)).toBe(ok);
    }
    for (const bad of ['P', 'PT', 'P1YT', '1Y', 'P1.5Y', 'PT1.S', 'P-1D', 'P1D2Y']) rejects('duration', bad);
  });
});

describe('binaries', () => {
  it('decodes base64 ignoring whitespace and rejects invalid characters', () => {
    expect(BUILTINS.base64Binary.parse('SGVs\nbG8=')).toEqual(new TextEncoder().encode('Hello'));
    expect(BUILTINS.base64Binary.parse(' AAEC/w== ')).toEqual(new Uint8Array([0, 1, 2, 255]));
    expect(BUILTINS.base64Binary.parse('')).toEqual(new Uint8Array([]));
    for (const bad of ['SGVsbG8', 'SGV*bG8=', 'S=Vs', '====', 'SGVsbG8=A===']) rejects('base64Binary', bad);
  });

  it('encodes base64 for every tail length', () => {
    for (const s of ['', 'H', 'He', 'Hel', 'Hell', 'Hello']) {
      const bytes = new TextEncoder().encode(s);
      const text = BUILTINS.base64Binary.format(bytes);
      expect(text).toBe(Buffer.from(s).toString('base64'));
      expect(BUILTINS.base64Binary.parse(text)).toEqual(bytes);
    }
    expect(formatRejects('base64Binary', 'SGVsbG8=').code).toBe('invalid-type');
    expect(BUILTINS.base64Binary.toJson(new Uint8Array([1, 2, 3]))).toBe('AQID');
    expect(BUILTINS.base64Binary.fromJson('AQID')).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('decodes and encodes hexBinary', () => {
    expect(BUILTINS.hexBinary.parse('00ff7Fa0')).toEqual(new Uint8Array([0, 255, 127, 160]));
    expect(BUILTINS.hexBinary.format(new Uint8Array([0, 255, 10]))).toBe('00FF0A');
    rejects('hexBinary', 'abc');
    rejects('hexBinary', 'zz');
    expect(BUILTINS.hexBinary.toJson(new Uint8Array([171]))).toBe('AB');
  });
});

describe('error reasons', () => {
  it('never quote the rejected value', () => {
    const secret = 'S3cr3t-Session-Value';
    for (const type of ['int', 'long', 'boolean', 'dateTime', 'decimal', 'NCName', 'base64Binary'] as const) {
      try {
        BUILTINS[type].format(type === 'int' || type === 'boolean' || type === 'long' ? secret : `${secret} ::`);
      } catch (error) {
        expect((error as Error).message).not.toContain(secret);
        continue;
      }
      throw new Error(`${type} accepted the value`);
    }
  });
});
