export { mergeReports, MergeError, readShardResult } from './merge.js';
export { parseShard, scanUnits, shardFiles, shardOf, type ShardSpec } from './units.js';
