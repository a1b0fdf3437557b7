/**
 * A small validator for JUnit XML against the constraints of the Jenkins JUnit schema (junit-4.xsd of
 * the Jenkins dtkit JUnit model, the "jenkins-junit.xsd" that JUnit 5's own tests and pytest's xunit2
 * family validate against): which elements exist, their attributes (required, optional, nothing else),
 * and the order and counts of their children. It parses only what an XML writer of this kind emits
 * (a declaration, elements, attributes in double quotes, text, the five entities and character
 * references); anything else is reported as an error. Test-only.
 */

/** One element of the parsed document. */
interface XmlElement {
  name: string;
  attributes: Map<string, string>;
  children: XmlElement[];
  /** The element's own text (between its children), entities decoded. */
  text: string;
}

/** A child particle of a sequence: element name, least and most occurrences. */
type Particle = [name: string, min: number, max: number];

/** What the schema says about one element. */
interface ElementRule {
  required: string[];
  optional: string[];
  /** The sequence of children, or `text` for text-only elements (xs:string or mixed without children). */
  content: Particle[] | 'text';
}

const MANY = Infinity;

/** The schema's element declarations, transcribed. */
const RULES: Record<string, ElementRule> = {
  testsuites: {
    required: [],
    optional: ['name', 'time', 'tests', 'failures', 'disabled', 'errors'],
    content: [['testsuite', 0, MANY]],
  },
  testsuite: {
    required: ['name', 'tests'],
    optional: ['failures', 'errors', 'time', 'disabled', 'skipped', 'timestamp', 'hostname', 'id', 'package'],
    content: [
      ['properties', 0, 1],
      ['testcase', 0, MANY],
      ['system-out', 0, 1],
      ['system-err', 0, 1],
    ],
  },
  properties: { required: [], optional: [], content: [['property', 1, MANY]] },
  property: { required: ['name', 'value'], optional: [], content: [] },
  testcase: {
    required: ['name'],
    optional: ['assertions', 'time', 'classname', 'status'],
    content: [
      ['skipped', 0, 1],
      ['error', 0, MANY],
      ['failure', 0, MANY],
      ['system-out', 0, MANY],
      ['system-err', 0, MANY],
    ],
  },
  failure: { required: [], optional: ['type', 'message'], content: 'text' },
  error: { required: [], optional: ['type', 'message'], content: 'text' },
  skipped: { required: [], optional: [], content: 'text' },
  'system-out': { required: [], optional: [], content: 'text' },
  'system-err': { required: [], optional: [], content: 'text' },
};

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME = /^[A-Za-z_][\w.-]*/;
// XML 1.0 Char: tab, LF, CR, U+0020 and up except surrogates (paired ones are fine) and U+FFFE/U+FFFF.
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

class XmlSyntaxError extends Error {}

function decode(text: string, at: number): string {
  if (text.includes('<')) throw new XmlSyntaxError(`'<' in text or attribute near offset ${at}`);
  return text.replace(/&([^;&\s]*);|&/g, (whole, ref: string | undefined) => {
    if (ref === undefined) throw new XmlSyntaxError(`a bare '&' near offset ${at}`);
    if (ref in ENTITIES) return ENTITIES[ref];
    const code = /^#x[0-9a-fA-F]+$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#[0-9]+$/.test(ref) ? parseInt(ref.slice(1), 10) : NaN;
    if (Number.isNaN(code)) throw new XmlSyntaxError(`unknown entity &${ref}; near offset ${at}`);
    const char = String.fromCodePoint(code);
    if (NOT_XML_CHAR.test(char)) throw new XmlSyntaxError(`character reference &${ref}; is not an XML character`);
    return char;
  });
}

/** Parses the document (declaration, then one root element, whitespace around it). */
function parse(xml: string): XmlElement {
  if (NOT_XML_CHAR.test(xml)) throw new XmlSyntaxError('a character XML 1.0 cannot carry');
  let at = 0;
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n?/.exec(xml);
  if (declaration === null) throw new XmlSyntaxError('no <?xml version="1.0" encoding="UTF-8"?> declaration');
  at = declaration[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (at < xml.length) {
    const lt = xml.indexOf('<', at);
    const text = xml.slice(at, lt < 0 ? xml.length : lt);
    if (stack.length > 0) stack[stack.length - 1].text += decode(text, at);
    else if (text.trim() !== '') throw new XmlSyntaxError(`text outside the root element near offset ${at}`);
    if (lt < 0) break;
    at = lt;
    if (xml.startsWith('</', at)) {
      const name = NAME.exec(xml.slice(at + 2))?.[0];
      const open = stack.pop();
      if (name === undefined || open === undefined || open.name !== name || xml[at + 2 + name.length] !== '>') throw new XmlSyntaxError(`unexpected closing tag near offset ${at}`);
      at += name.length + 3;
      continue;
    }
    const name = NAME.exec(xml.slice(at + 1))?.[0];
    if (name === undefined) throw new XmlSyntaxError(`not an element near offset ${at}`);
    const element: XmlElement = { name, attributes: new Map(), children: [], text: '' };
    at += 1 + name.length;
    for (;;) {
      const attribute = /^\s+([A-Za-z_][\w.:-]*)="([^"]*)"/.exec(xml.slice(at));
      if (attribute === null) break;
      if (element.attributes.has(attribute[1])) throw new XmlSyntaxError(`attribute ${attribute[1]} twice on <${name}>`);
      element.attributes.set(attribute[1], decode(attribute[2], at));
      at += attribute[0].length;
    }
    const end = /^\s*(\/?)>/.exec(xml.slice(at));
    if (end === null) throw new XmlSyntaxError(`malformed tag <${name}> near offset ${at}`);
    at += end[0].length;
    if (stack.length > 0) stack[stack.length - 1].children.push(element);
    else if (root === null) root = element;
    else throw new XmlSyntaxError('a second root element');
    if (end[1] !== '/') stack.push(element);
  }
  if (stack.length > 0) throw new XmlSyntaxError(`<${stack[stack.length - 1].name}> is not closed`);
  if (root === null) throw new XmlSyntaxError('no root element');
  return root;
}

function checkSequence(element: XmlElement, sequence: Particle[], path: string, errors: string[]): void {
  let index = 0;
  for (const [name, min, max] of sequence) {
    let count = 0;
    while (index < element.children.length && element.children[index].name === name && count < max) {
      count += 1;
      index += 1;
    }
    if (count < min) errors.push(`${path}: needs at least ${min} <${name}>`);
  }
  if (index < element.children.length) {
    const allowed = sequence.map(([name]) => name).join(', ');
    errors.push(`${path}: <${element.children[index].name}> is not allowed here (children, in order: ${allowed || 'none'})`);
  }
}

function check(element: XmlElement, path: string, errors: string[]): void {
  const rule = RULES[element.name];
  if (rule === undefined) {
    errors.push(`${path}: <${element.name}> is not an element of the schema`);
    return;
  }
  for (const name of rule.required) if (!element.attributes.has(name)) errors.push(`${path}: the attribute ${name} is required`);
  for (const name of element.attributes.keys()) {
    if (!rule.required.includes(name) && !rule.optional.includes(name)) errors.push(`${path}: the attribute ${name} is not allowed`);
  }
  if (rule.content === 'text') {
    if (element.children.length > 0) errors.push(`${path}: holds text only, not <${element.children[0].name}>`);
    return;
  }
  if (element.text.trim() !== '') errors.push(`${path}: holds elements only, not text`);
  checkSequence(element, rule.content, path, errors);
  element.children.forEach((child, index) => check(child, `${path}/${child.name}[${index + 1}]`, errors));
}

/** The ways `xml` breaks the Jenkins JUnit schema (empty when it is valid); the root must be testsuites or testsuite. */
export function junitSchemaErrors(xml: string): string[] {
  let root: XmlElement;
  try {
    root = parse(xml);
  } catch (error) {
    if (error instanceof XmlSyntaxError) return [`not well-formed: ${error.message}`];
    throw error;
  }
  if (root.name !== 'testsuites' && root.name !== 'testsuite') return [`the root is <${root.name}>, not <testsuites> or <testsuite>`];
  const errors: string[] = [];
  check(root, `/${root.name}`, errors);
  return errors;
}
