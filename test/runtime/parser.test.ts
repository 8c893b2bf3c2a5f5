import { describe, expect, it } from 'vitest';
import {
  parseXml,
  XmlParseError,
  type XmlElement,
  type XmlNode,
  type XmlParseErrorCode,
  type XmlText,
} from '@ecgrid/soap-runtime';

function elements(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => c.kind === 'element');
}

function parseError(text: string, options?: Parameters<typeof parseXml>[1]): XmlParseError {
  try {
    parseXml(text, options);
  } catch (error) {
    if (error instanceof XmlParseError) return error;
    throw error;
  }
  throw new Error('expected an XmlParseError');
}

function expectCode(text: string, code: XmlParseErrorCode): XmlParseError {
  const error = parseError(text);
  expect(error.code).toBe(code);
  return error;
}

describe('parseXml: well-formed documents', () => {
  it('builds the tree with names, attributes, text and offsets', () => {
    const doc = parseXml('<a x="1" y=\'two\'><b>text</b><c/></a>');
    const { root } = doc;
    expect(root).toMatchObject({ kind: 'element', name: 'a', prefix: '', local: 'a', ns: '', offset: 0 });
    expect(root.attributes.map((a) => [a.name, a.value, a.offset])).toEqual([
      ['x', '1', 3],
      ['y', 'two', 9],
    ]);
    const [b, c] = elements(root);
    expect(b?.children).toEqual([{ kind: 'text', text: 'text', cdata: false, offset: 20 }]);
    expect(b?.selfClosing).toBe(false);
    expect(c).toMatchObject({ name: 'c', selfClosing: true, children: [], offset: 28 });
    expect(doc.encoding).toBeUndefined();
  });

  it('records the declared encoding and skips a BOM', () => {
    const doc = parseXml('\uFEFF<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n<r/>');
    expect(doc.encoding).toBe('utf-8');
    expect(doc.root.name).toBe('r');
    expect(doc.positionOf(doc.root.offset)).toEqual({ line: 2, column: 1 });
  });

  it('keeps whitespace-only text nodes between elements', () => {
    const { root } = parseXml('<a>\n  <b/>\n</a>');
    expect(root.children.map((c) => c.kind)).toEqual(['text', 'element', 'text']);
    expect((root.children[0] as XmlText).text).toBe('\n  ');
  });

  it('keeps comments and processing instructions inside the root, drops them outside', () => {
    const { root } = parseXml('<!-- before --><?pi one?><a><!-- in --><?target some data?><?bare?></a><!-- after -->');
    expect(root.children).toEqual([
      { kind: 'comment', text: ' in ', offset: 28 },
      { kind: 'pi', target: 'target', data: 'some data', offset: 39 },
      { kind: 'pi', target: 'bare', data: '', offset: 59 },
    ]);
  });

  it('reads CDATA sections as text flagged cdata, without expanding references', () => {
    const { root } = parseXml('<a>x<![CDATA[<b>&amp;]]]]>y</a>');
    expect(root.children).toEqual([
      { kind: 'text', text: 'x', cdata: false, offset: 3 },
      { kind: 'text', text: '<b>&amp;]]', cdata: true, offset: 4 },
      { kind: 'text', text: 'y', cdata: false, offset: 26 },
    ]);
  });

  it('expands the predefined entities and character references', () => {
    const { root } = parseXml('<a t="&lt;&gt;&amp;&apos;&quot;">&lt;&gt;&amp;&apos;&quot; &#65;&#x42;&#x1F600;</a>');
    expect(root.attributes[0]?.value).toBe('<>&\'"');
    expect((root.children[0] as XmlText).text).toBe('<>&\'" AB\u{1F600}');
  });

  it('normalises CRLF and CR to LF in text, comments and CDATA', () => {
    const { root } = parseXml('<a>1\r\n2\r3<![CDATA[4\r\n5]]><!--6\r7--></a>');
    expect(root.children.map((c) => (c.kind === 'text' || c.kind === 'comment' ? c.text : ''))).toEqual([
      '1\n2\n3',
      '4\n5',
      '6\n7',
    ]);
  });

  it('keeps a CR written as a character reference', () => {
    const { root } = parseXml('<a>x&#13;&#10;y\r\n</a>');
    expect((root.children[0] as XmlText).text).toBe('x\r\ny\n');
  });

  it('normalises whitespace characters in attribute values but not character references', () => {
    const { root } = parseXml('<a v="a\tb\nc\r\nd\re" w="x&#9;y&#10;z&#13;" m="&amp;\t"/>');
    expect(root.attributes.map((a) => a.value)).toEqual(['a b c d e', 'x\ty\nz\r', '& ']);
  });

  it('accepts whitespace inside tags and non-ASCII names', () => {
    const { root } = parseXml('<a\n  x = "1"\t>\u00e9t\u00e9<\u00e9l\u00e9ment/></a >');
    expect(root.attributes[0]?.value).toBe('1');
    expect(elements(root)[0]?.name).toBe('\u00e9l\u00e9ment');
  });
});

describe('parseXml: namespaces', () => {
  const text = [
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    '<soap:Body><R xmlns="urn:d" xmlns:t="urn:t"><x t:a="1" b="2" xsi:nil="true"/><y xmlns=""><z/></y><t:w xml:lang="en"/></R></soap:Body>',
    '</soap:Envelope>',
  ].join('');

  it('resolves prefixes, the default namespace and xmlns="" undeclaring', () => {
    const { root } = parseXml(text);
    expect(root).toMatchObject({ prefix: 'soap', local: 'Envelope', ns: 'http://schemas.xmlsoap.org/soap/envelope/' });
    const body = elements(root)[0] as XmlElement;
    const r = elements(body)[0] as XmlElement;
    expect(r.ns).toBe('urn:d');
    expect({ ...r.declarations }).toEqual({ '': 'urn:d', t: 'urn:t' });
    const [x, y, w] = elements(r) as [XmlElement, XmlElement, XmlElement];
    expect(x.ns).toBe('urn:d');
    expect(x.attributes.map((a) => [a.name, a.prefix, a.local, a.ns])).toEqual([
      ['t:a', 't', 'a', 'urn:t'],
      ['b', '', 'b', ''],
      ['xsi:nil', 'xsi', 'nil', 'http://www.w3.org/2001/XMLSchema-instance'],
    ]);
    expect(y.ns).toBe('');
    expect(elements(y)[0]?.ns).toBe('');
    expect(w.ns).toBe('urn:t');
    expect(w.attributes[0]?.ns).toBe('http://www.w3.org/XML/1998/namespace');
  });

  it('exposes the full in-scope prefix map, safe for any prefix', () => {
    const { root } = parseXml(text);
    const r = elements(elements(root)[0] as XmlElement)[0] as XmlElement;
    const x = elements(r)[0] as XmlElement;
    expect(x.scope.t).toBe('urn:t');
    expect(x.scope.soap).toBe('http://schemas.xmlsoap.org/soap/envelope/');
    expect(x.scope['']).toBe('urn:d');
    expect(x.scope.xml).toBe('http://www.w3.org/XML/1998/namespace');
    expect(x.scope.constructor).toBeUndefined();
    expect(Object.keys(x.declarations)).toEqual([]);
  });

  it('refuses undefined prefixes on elements and attributes', () => {
    expect(expectCode('<p:a/>', 'undefined-prefix').message).toContain('prefix "p"');
    expectCode('<a q:x="1"/>', 'undefined-prefix');
    expectCode('<a xmlns:p="urn:p"><b/></a><!-- --><p:c/>', 'not-well-formed');
    expectCode('<a><p:b xmlns:p="urn:p"/><p:c/></a>', 'undefined-prefix');
  });

  it('refuses illegal namespace declarations', () => {
    expectCode('<a xmlns:p=""/>', 'not-well-formed');
    expectCode('<a xmlns:xml="urn:x"/>', 'not-well-formed');
    expectCode('<a xmlns:xmlns="urn:x"/>', 'not-well-formed');
    expectCode('<xmlns:a/>', 'not-well-formed');
    expectCode('<a:b:c xmlns:a="urn:a"/>', 'not-well-formed');
    expectCode('<a: xmlns:a="urn:a"/>', 'not-well-formed');
  });

  it('refuses two attributes with the same expanded name', () => {
    expectCode('<a xmlns:p="urn:x" xmlns:q="urn:x" p:v="1" q:v="2"/>', 'duplicate-attribute');
    expectCode('<a xmlns:p="urn:x" xmlns:p="urn:y"/>', 'duplicate-attribute');
  });
});

describe('parseXml: positions', () => {
  it('converts offsets to 1-based line and column for LF, CRLF and CR line ends', () => {
    const doc = parseXml('<a>\n <b/>\r\n  <c/>\r   <d/></a>');
    const [b, c, d] = elements(doc.root) as [XmlElement, XmlElement, XmlElement];
    expect(doc.positionOf(0)).toEqual({ line: 1, column: 1 });
    expect(doc.positionOf(b.offset)).toEqual({ line: 2, column: 2 });
    expect(doc.positionOf(c.offset)).toEqual({ line: 3, column: 3 });
    expect(doc.positionOf(d.offset)).toEqual({ line: 4, column: 4 });
  });

  it('puts line:col in error messages and fields', () => {
    const error = expectCode('<a>\n  <b>\n</a>', 'mismatched-tag');
    expect(error.line).toBe(3);
    expect(error.column).toBe(1);
    expect(error.offset).toBe(10);
    expect(error.message).toBe('3:1: end tag </a> does not match the start tag <b> opened at 2:3');
  });
});

describe('parseXml: errors', () => {
  it('refuses a DOCTYPE with an internal entity (billion laughs)', () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [',
      ' <!ENTITY lol "lol">',
      ' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">',
      ' <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">',
      ']>',
      '<lolz>&lol3;</lolz>',
    ].join('\n');
    const error = expectCode(lol, 'doctype-refused');
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/DTDs and entity declarations are refused/);
  });

  it('refuses a DOCTYPE with an external entity (XXE)', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>';
    expectCode(xxe, 'doctype-refused');
    expectCode('<a><!DOCTYPE a></a>', 'doctype-refused');
  });

  it('refuses entities that are not predefined', () => {
    expect(expectCode('<a>&nbsp;</a>', 'unknown-entity').message).toContain('&nbsp;');
    expectCode('<a v="&copy;"/>', 'unknown-entity');
  });

  it('refuses a bare ampersand and malformed references', () => {
    expectCode('<a>fish & chips</a>', 'not-well-formed');
    expectCode('<a>&#xZZ;</a>', 'not-well-formed');
    expectCode('<a>&#;</a>', 'not-well-formed');
    expectCode('<a>&amp</a>', 'not-well-formed');
  });

  it('refuses character references to characters XML does not allow', () => {
    expectCode('<a>&#0;</a>', 'invalid-character');
    expectCode('<a>&#x1;</a>', 'invalid-character');
    expectCode('<a>&#xD800;</a>', 'invalid-character');
    expectCode('<a>&#xFFFE;</a>', 'invalid-character');
    expectCode('<a>&#x110000;</a>', 'invalid-character');
    expectCode('<a>&#99999999999;</a>', 'invalid-character');
  });

  it('refuses literal control characters', () => {
    expectCode('<a>\u0001</a>', 'invalid-character');
    expectCode('<a v="\u0000"/>', 'invalid-character');
    expectCode('<a>\uD800x</a>', 'invalid-character');
  });

  it('refuses mismatched and unclosed tags', () => {
    expect(expectCode('<a><b></a></b>', 'mismatched-tag').message).toContain('</a> does not match the start tag <b>');
    expectCode('<a></ab>', 'mismatched-tag');
    expectCode('<ab></a>', 'mismatched-tag');
    expect(expectCode('<a><b>', 'unexpected-end').message).toContain('<b>');
    expectCode('<a', 'unexpected-end');
    expectCode('<a x="1', 'unexpected-end');
    expectCode('<a><!-- x', 'unexpected-end');
    expectCode('<a><![CDATA[x', 'unexpected-end');
    expectCode('<a></a', 'unexpected-end');
    expectCode('</a>', 'not-well-formed');
  });

  it('refuses a document without exactly one root', () => {
    expectCode('', 'unexpected-end');
    expectCode('  <!-- only a comment -->  ', 'unexpected-end');
    expect(expectCode('<a/><b/>', 'not-well-formed').message).toContain('second root');
    expectCode('text<a/>', 'not-well-formed');
    expectCode('<a/>text', 'not-well-formed');
    expect(parseXml('\n <a/>\n ').root.name).toBe('a');
  });

  it('refuses malformed tags and attributes', () => {
    expectCode('<a x=1/>', 'not-well-formed');
    expectCode('<a x/>', 'not-well-formed');
    expectCode('<a x="1"y="2"/>', 'not-well-formed');
    expectCode('<a x="<"/>', 'not-well-formed');
    expectCode('<1a/>', 'not-well-formed');
    expectCode('<a/ >', 'not-well-formed');
    expectCode('<a>]]></a>', 'not-well-formed');
    expectCode('<a><!-- a -- b --></a>', 'not-well-formed');
    expectCode('<a><!x></a>', 'not-well-formed');
    expectCode('<a><![CDATA[x]]></a><![CDATA[y]]>', 'not-well-formed');
    expectCode('<a x="1" x="2"/>', 'duplicate-attribute');
  });

  it('refuses a misplaced or malformed XML declaration', () => {
    expectCode(' <?xml version="1.0"?><a/>', 'not-well-formed');
    expectCode('<a><?xml version="1.0"?></a>', 'not-well-formed');
    expectCode('<?xml encoding="utf-8"?><a/>', 'not-well-formed');
  });

  it('enforces maxLength', () => {
    const text = `<a>${'x'.repeat(100)}</a>`;
    const error = parseError(text, { maxLength: 50 });
    expect(error.code).toBe('size-limit');
    expect(error.message).toContain('limit of 50');
    expect(parseXml(text, { maxLength: text.length }).root.name).toBe('a');
  });

  it('stops at maxDepth without overflowing the stack on 100,000 nesting levels', () => {
    const n = 100_000;
    const deep = '<a>'.repeat(n) + '</a>'.repeat(n);
    const started = performance.now();
    const error = parseError(deep);
    expect(error.code).toBe('depth-limit');
    expect(error.offset).toBe(1024 * 3);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(parseError('<a><a><a></a></a></a>', { maxDepth: 2 }).code).toBe('depth-limit');
    expect(parseXml('<a><a></a></a>', { maxDepth: 2 }).root.name).toBe('a');
  });

  it('parses 100,000 nesting levels when the limit allows it', () => {
    const n = 100_000;
    const doc = parseXml('<a>'.repeat(n) + '</a>'.repeat(n), { maxDepth: n });
    let depth = 1;
    let node: XmlNode | undefined = doc.root;
    while (node?.kind === 'element' && node.children.length > 0) {
      node = node.children[0];
      depth++;
    }
    expect(depth).toBe(n);
  });
});

describe('keepWhitespaceText: false', () => {
  it('drops text nodes that hold only whitespace and keeps every other text', () => {
    const doc = parseXml('<a>\r\n  <b> x </b>\n  <c>&#32;</c>\t<d/> tail </a>', { keepWhitespaceText: false });
    const kinds = doc.root.children.map((c) =>
      c.kind === 'element' ? c.local : `text:${JSON.stringify(c.kind === 'text' ? c.text : '')}`,
    );
    expect(kinds).toEqual(['b', 'c', 'd', 'text:" tail "']);
    const b = doc.root.children[0];
    expect(b?.kind === 'element' && b.children).toEqual([expect.objectContaining({ kind: 'text', text: ' x ' })]);
    const kept = parseXml('<a>\n  <b/>\n</a>');
    expect(kept.root.children.map((c) => c.kind)).toEqual(['text', 'element', 'text']);
  });
});
