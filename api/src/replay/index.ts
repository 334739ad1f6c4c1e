export {
  createReplayService,
  type DiscardRequest,
  type ReplayListQuery,
  type ReplayService,
  type ReplayServiceOptions,
} from './service';
