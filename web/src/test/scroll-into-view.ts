/**
 * jsdom lays nothing out and has no scrollIntoView: this one, installed for the calling spec file, records what was
 * scrolled to (an error summary's link scrolls its field's label into view). The array is emptied before each test.
 */
export function recordScrollIntoView(): Element[] {
  const scrolled: Element[] = [];
  beforeAll(() => {
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
  });
  afterAll(() => {
    Reflect.deleteProperty(Element.prototype, 'scrollIntoView');
  });
  beforeEach(() => {
    scrolled.length = 0;
  });
  return scrolled;
}
