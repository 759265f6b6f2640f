/**
 * jsdom has no ResizeObserver: this one, set as `globalThis.ResizeObserver` by a spec, notifies only when the spec says
 * the layout changed (calling `callback` of the observers in `live`, which the spec empties before each test).
 */
export class StubResizeObserver {
  static live: StubResizeObserver[] = [];
  targets: Element[] = [];
  constructor(readonly callback: ResizeObserverCallback) {
    StubResizeObserver.live.push(this);
  }
  observe(target: Element): void {
    this.targets.push(target);
  }
  unobserve(): void {}
  disconnect(): void {
    this.targets = [];
  }
}

/** Sets StubResizeObserver as the calling spec file's ResizeObserver before each test (none left over), and removes it after. */
export function installStubResizeObserver(): void {
  beforeEach(() => {
    StubResizeObserver.live = [];
    globalThis.ResizeObserver = StubResizeObserver as unknown as typeof ResizeObserver;
  });
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'ResizeObserver');
  });
}
