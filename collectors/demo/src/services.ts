/** The demo services an operator can pause and resume. */
export const demoServices = ['payments', 'shipping'] as const;
export type DemoService = (typeof demoServices)[number];
