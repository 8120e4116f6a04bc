export { addressPattern, applyWaivers, waiverDiagnostic, type ApplyWaiversOptions } from './apply.js';
export { loadWaiversFile, WAIVERS_FILE, type FileWaiver, type LoadedWaivers } from './file.js';
export { parseInlineWaivers, type InlineWaiver } from './inline.js';
