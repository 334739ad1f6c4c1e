/**
 * What the global setup hands to every test through `inject(...)`. Imported (type-only) by the
 * kafka test helpers so that any package using them sees these keys when it typechecks.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string[];
    kafkaPort: number;
    kafkaControllerPort: number;
    kafkaDataDir: string;
    databaseUrl: string;
  }
}

export {};
