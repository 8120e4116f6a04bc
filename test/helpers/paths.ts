import { fileURLToPath } from 'node:url';

export const REPO_ROOT: string = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
export const FIXTURES: string = `${REPO_ROOT}/fixtures`;
