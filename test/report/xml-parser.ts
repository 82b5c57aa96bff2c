// A strict little XML reader for the JUnit tests: elements, attributes, text and character references, and an
// exception for anything a real parser would reject (unescaped `<` or `&`, mismatched tags, forbidden
// characters). Attribute values are whitespace-normalised as XML 1.0 §3.3.3 requires, so a test can tell a
// literal newline (flattened to a space) from `&#10;` (kept).

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const NAME = /^[A-Za-z_][\w.-]*/;

export function parseXml(xml: string): XmlElement {
  if (FORBIDDEN.test(xml)) throw new Error('XML contains a forbidden character');
  let at = 0;
  const declaration = /^<\?xml[^?]*\?>\s*/.exec(xml);
  if (declaration) at = declaration[0].length;

  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  while (at < xml.length) {
    const top = stack[stack.length - 1];
    if (xml.startsWith('</', at)) {
      const end = xml.indexOf('>', at);
      const name = xml.slice(at + 2, end).trim();
      if (name !== top.name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
      at = end + 1;
    } else if (xml[at] === '<') {
      at += 1;
      const name = NAME.exec(xml.slice(at))?.[0];
      if (!name) throw new Error(`bad element name at ${at}`);
      at += name.length;
      const element: XmlElement = { name, attributes: {}, children: [], text: '' };
      for (;;) {
        const space = /^\s*/.exec(xml.slice(at))![0];
        at += space.length;
        if (xml.startsWith('/>', at)) {
          at += 2;
          top.children.push(element);
          break;
        }
        if (xml[at] === '>') {
          at += 1;
          top.children.push(element);
          stack.push(element);
          break;
        }
        const attribute = /^([A-Za-z_][\w.-]*)="([^"<]*)"/.exec(xml.slice(at));
        if (!attribute || space === '') throw new Error(`bad attribute in <${name}> at ${at}`);
        if (attribute[1] in element.attributes) throw new Error(`duplicate attribute ${attribute[1]}`);
        element.attributes[attribute[1]] = decode(attribute[2].replace(/[\t\n\r]/g, ' '));
        at += attribute[0].length;
      }
    } else {
      const next = xml.indexOf('<', at);
      const raw = xml.slice(at, next === -1 ? xml.length : next);
      if (raw.includes(']]>')) throw new Error('"]]>" in text');
      top.text += decode(raw.replace(/\r\n?/g, '\n'));
      at = next === -1 ? xml.length : next;
    }
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> is not closed`);
  const elements = root.children;
  if (elements.length !== 1 || root.text.trim() !== '') throw new Error('XML must have exactly one root element');
  return elements[0];
}

function decode(text: string): string {
  return text.replace(/&([^;&]*);|&/g, (match, entity: string | undefined) => {
    if (entity === undefined) throw new Error('unescaped "&"');
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (entity in named) return named[entity];
    const numeric = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(entity);
    if (!numeric) throw new Error(`unknown entity &${entity};`);
    const code = numeric[1].startsWith('x') ? parseInt(numeric[1].slice(1), 16) : parseInt(numeric[1], 10);
    return String.fromCodePoint(code);
  });
}

/** Every descendant element with this name, in document order. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  for (const child of element.children) {
    if (child.name === name) found.push(child);
    found.push(...findAll(child, name));
  }
  return found;
}
