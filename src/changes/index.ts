export { changedSince } from './changed.js';
export { restrictToFiles } from './restrict.js';
export { stagedTree, type StagedTree } from './staged.js';
