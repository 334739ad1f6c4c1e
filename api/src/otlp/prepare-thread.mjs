// Entry of an OTLP decode thread (prepare-pool.ts). Worker threads do not inherit the tsx
// loader the api runs with, so this plain module registers it before loading the TypeScript.
import { register } from 'tsx/esm/api';

register();
const { prepareExport } = await import('./prepare.ts');

/** @param {{ format: 'json' | 'protobuf', body: Uint8Array }} task */
export default function prepare(task) {
  return prepareExport(task.format, task.body);
}
