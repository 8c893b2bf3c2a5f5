import { describe, expect, it } from 'vitest';
import { escapeAttribute, escapeText, parseXml, serializeElement, type XmlElement } from '@ecgrid/soap-runtime';

function firstElement(el: XmlElement): XmlElement {
  const found = el.children.find((c): c is XmlElement => c.kind === 'element');
  if (!found) throw new Error('no element child');
  return found;
}

describe('escaping', () => {
  it('escapes text so it parses back to the same string', () => {
    const text = 'a < b && c > d ]]> \r\n "q" \'s\'';
    expect(escapeText(text)).toBe('a &lt; b &amp;&amp; c &gt; d ]]&gt; &#13;\n "q" \'s\'');
    expect(escapeText('plain')).toBe('plain');
    const back = parseXml(`<a>${escapeText(text)}</a>`).root.children[0];
    expect(back?.kind === 'text' && back.text).toBe(text);
  });

  it('escapes attribute values, keeping whitespace characters through normalisation', () => {
    const value = 'x "y" <z> & \t\n\r';
    expect(escapeAttribute(value)).toBe('x &quot;y&quot; &lt;z&gt; &amp; &#9;&#10;&#13;');
    expect(parseXml(`<a v="${escapeAttribute(value)}"/>`).root.attributes[0]?.value).toBe(value);
  });
});

describe('serializeElement', () => {
  it('writes a parsed element back byte for byte', () => {
    const text =
      '<r:Root xmlns:r="urn:r" xmlns="urn:d" a="1" r:b="&lt;2&gt;">\n' +
      '  <child>t &amp; u</child>\n' +
      '  <empty></empty><self/>\n' +
      '  <![CDATA[<raw>]]><!-- note --><?pi data?>\n' +
      '  <n xmlns="">unqualified</n>\n' +
      '</r:Root>';
    expect(serializeElement(parseXml(text).root)).toBe(text);
  });

  it('declares prefixes a cut-out subtree uses but inherited from outside', () => {
    const doc = parseXml(
      '<o:Outer xmlns:o="urn:o" xmlns="urn:d" xmlns:q="urn:q" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        '<Inner q:attr="1" xsi:type="q:T"><o:x/><y/></Inner></o:Outer>',
    );
    const inner = firstElement(doc.root);
    expect(serializeElement(inner)).toBe(
      '<Inner xmlns="urn:d" xmlns:q="urn:q" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" q:attr="1" xsi:type="q:T"><o:x xmlns:o="urn:o"/><y/></Inner>',
    );
    // With the context already binding them, nothing is added.
    expect(
      serializeElement(inner, {
        context: { '': 'urn:d', q: 'urn:q', o: 'urn:o', xsi: 'http://www.w3.org/2001/XMLSchema-instance' },
      }),
    ).toBe('<Inner q:attr="1" xsi:type="q:T"><o:x/><y/></Inner>');
  });

  it('undeclares the default namespace for an unqualified element under one', () => {
    const el = parseXml('<a/>').root;
    expect(serializeElement(el, { context: { '': 'urn:d' } })).toBe('<a xmlns=""/>');
  });

  it('splits CDATA content containing the terminator', () => {
    const el: XmlElement = {
      kind: 'element',
      name: 'a',
      prefix: '',
      local: 'a',
      ns: '',
      attributes: [],
      declarations: {},
      scope: {},
      children: [{ kind: 'text', text: 'x]]>y', cdata: true, offset: 0 }],
      offset: 0,
      selfClosing: false,
    };
    const xml = serializeElement(el);
    expect(xml).toBe('<a><![CDATA[x]]]]><![CDATA[>y]]></a>');
    const texts = parseXml(xml)
      .root.children.map((c) => (c.kind === 'text' ? c.text : ''))
      .join('');
    expect(texts).toBe('x]]>y');
  });

  it('pretty prints element-only content and leaves mixed content alone', () => {
    const el = parseXml('<a><b><c>t</c></b>\n  <d>x<e/>y</d></a>').root;
    expect(serializeElement(el, { indent: '  ' })).toBe(
      ['<a>', '  <b>', '    <c>t</c>', '  </b>', '  <d>x<e/>y</d>', '</a>'].join('\n'),
    );
  });
});
