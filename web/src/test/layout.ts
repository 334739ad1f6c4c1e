import { afterEach, beforeEach, vi } from 'vitest';

/**
 * happy-dom does no layout: every element measures 0×0, and a virtualised list then shows no
 * rows at all. Tests of such lists give every element a viewport-sized box instead.
 */
export function withLayout(width = 1200, height = 600) {
  beforeEach(() => {
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(width);
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(height);
    vi.spyOn(HTMLElement.prototype, 'offsetWidth', 'get').mockReturnValue(width);
    vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(height);
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockReturnValue(
      new DOMRect(0, 0, width, height),
    );
  });
  afterEach(() => vi.restoreAllMocks());
}
