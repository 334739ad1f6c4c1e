export { startDemo, DemoStoppedError, type DemoHandle } from './demo';
export { applyDemoCommand, DemoCommandSchema, type DemoCommand } from './control';
export {
  DemoSettingsSchema,
  silentDemoLogger,
  type DemoLogger,
  type DemoOptions,
  type DemoSettings,
} from './options';
export { demoServices, type DemoService } from './services';
export { DemoStatusSchema, type DemoStatus } from './stats';
export {
  demoGroups,
  demoMaxMessageBytes,
  demoTopics,
  type DemoGroups,
  type DemoTopics,
} from './topics';
export { readInt32Header, readInt64Header } from './dead-letters';
export { demoEnvSettings, demoOptionsFromEnv } from './env';
