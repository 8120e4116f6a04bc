export { mergeReports, MergeError, readShardResult } from './merge.js';
export { parseShard, scanUnits, shardFiles, shardOf, type DeploymentFiles, type ShardSpec } from './units.js';
