import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { packageRoot } from '../package-root.js';
import { sha256 } from '../evidence/hash.js';
import { byText } from '../model/index.js';

/** A file the rendering used, for the manifest: built-in ones by their path in Evident, the user's as `custom:<path>`. */
export interface TemplateFile {
  name: string;
  sha256: string;
}

/**
 * The layout of `reports/` and of a `--templates DIR`: `templates/*.hbs`, `partials/*.hbs`, `assets/*.css`.
 * A file in the user's directory replaces the built-in file of the same name; the rest stay built in.
 */
export class TemplateSet {
  readonly builtinDir: string;
  readonly customDir: string | undefined;
  readonly used = new Map<string, TemplateFile>();

  constructor(customDir?: string) {
    this.builtinDir = path.join(packageRoot(), 'reports');
    this.customDir = customDir;
  }

  /** The text of `<kind>/<file>`, the user's copy first. */
  read(kind: 'templates' | 'partials' | 'assets', file: string): string {
    const custom = this.customDir === undefined ? undefined : path.join(this.customDir, kind, file);
    const chosen = custom !== undefined && existsSync(custom) ? custom : path.join(this.builtinDir, kind, file);
    const text = readFileSync(chosen, 'utf8');
    const name = chosen === custom ? `custom:${kind}/${file}` : `reports/${kind}/${file}`;
    this.used.set(name, { name, sha256: sha256(text) });
    return text;
  }

  private partialFiles(): string[] {
    const list = (dir: string | undefined): string[] => {
      const partials = dir === undefined ? '' : path.join(dir, 'partials');
      return partials !== '' && existsSync(partials) ? readdirSync(partials).filter((f) => f.endsWith('.hbs')) : [];
    };
    return [...new Set([...list(this.builtinDir), ...list(this.customDir)])].sort();
  }

  /** Compiles `templates/<file>` with every partial registered under its file name (`md-control.hbs` → `md-control`). */
  compile(file: string, options: { noEscape: boolean }): HandlebarsTemplateDelegate {
    const handlebars = Handlebars.create();
    for (const partial of this.partialFiles()) handlebars.registerPartial(partial.replace(/\.hbs$/, ''), this.read('partials', partial));
    return handlebars.compile(this.read('templates', file), { noEscape: options.noEscape });
  }

  files(): TemplateFile[] {
    return [...this.used.values()].sort((a, b) => byText(a.name, b.name));
  }
}
