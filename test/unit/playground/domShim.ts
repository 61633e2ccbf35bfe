/**
 * A tiny DOM for rendering tests in plain Node: elements with children, attributes and text. Any
 * attempt to parse HTML (innerHTML, outerHTML, insertAdjacentHTML) throws, so a test passing through
 * it proves the code under test inserted text, never markup.
 */
export class FakeText {
  constructor(public data: string) {}
  get textContent(): string {
    return this.data;
  }
}

export class FakeElement {
  children: (FakeElement | FakeText)[] = [];
  attributes = new Map<string, string>();
  dataset: Record<string, string> = {};
  className = '';
  hidden = false;
  htmlFor = '';
  constructor(readonly tagName: string) {}

  get textContent(): string {
    return this.children.map((child) => child.textContent).join('');
  }
  set textContent(value: string) {
    this.children = [new FakeText(String(value))];
  }
  set innerHTML(_value: string) {
    throw new Error('innerHTML must not be used for data');
  }
  set outerHTML(_value: string) {
    throw new Error('outerHTML must not be used for data');
  }
  insertAdjacentHTML(): void {
    throw new Error('insertAdjacentHTML must not be used for data');
  }
  append(...nodes: (FakeElement | FakeText | string)[]): void {
    for (const node of nodes) this.children.push(typeof node === 'string' ? new FakeText(node) : node);
  }
  replaceChildren(...nodes: (FakeElement | FakeText | string)[]): void {
    this.children = [];
    this.append(...nodes);
  }
  unshift(node: FakeElement): void {
    this.children.unshift(node);
  }
  setAttribute(name: string, value: string): void {
    if (/^on/i.test(name)) throw new Error(`event handler attribute ${name} set`);
    this.attributes.set(name, String(value));
  }
  get firstElementChild(): FakeElement | null {
    return this.children.find((child): child is FakeElement => child instanceof FakeElement) ?? null;
  }
  /** Supports `tag.class` selectors. */
  querySelector(selector: string): FakeElement | null {
    const [tag, cls] = selector.split('.');
    for (const element of this.descendants()) {
      if (element.tagName === tag && (!cls || element.className.split(' ').includes(cls))) return element;
    }
    return null;
  }
  *descendants(): Generator<FakeElement> {
    for (const child of this.children) {
      if (child instanceof FakeElement) {
        yield child;
        yield* child.descendants();
      }
    }
  }
}

export const fakeDocument = {
  createElement: (tag: string) => new FakeElement(tag.toLowerCase()),
  createElementNS: (_ns: string, tag: string) => new FakeElement(tag),
};
