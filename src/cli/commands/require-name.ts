import { OptionsError } from '../../core/sync-error.js';

/** The `--name` flag, which `apply`, `diff` and `delete` require. */
export function requireName(name: string | undefined, command: string): string {
  if (name === undefined || name === '') {
    throw new OptionsError(`${command} needs --name: the sync's name, which names its inventory in the cluster`);
  }
  return name;
}
