/** Names that hold secrets by convention; their values are redacted from every report. */
const SECRET_NAME = /pass(word|wd|phrase)?|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|credential|connection[_-]?string|client[_-]?secret|sas[_-]?(key|token)/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}
