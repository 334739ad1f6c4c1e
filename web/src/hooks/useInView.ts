import { useEffect, useState, type RefObject } from 'react';

/**
 * Becomes true once the element has scrolled into view, and stays true: for work (a sparkline
 * request) that should wait until someone can see the result. Without IntersectionObserver,
 * everything counts as in view.
 */
export function useInView(ref: RefObject<Element | null>): boolean {
  const [seen, setSeen] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = ref.current;
    if (seen || !element) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setSeen(true);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, seen]);
  return seen;
}
