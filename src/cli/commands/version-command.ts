import type { CliContext } from '../cli-context.js';
import { ExitCode } from '../exit-code.js';
import { packageVersion } from '../package-version.js';

/** `syncprims version` / `--version`: `syncprims 0.1.0` (`{"version": "0.1.0"}` with `-o json`). */
export function runVersionCommand(ctx: CliContext): ExitCode {
  const version = packageVersion();
  if (ctx.global.output === 'json') ctx.outJson({ version });
  else ctx.out(`syncprims ${version}\n`);
  return ExitCode.Ok;
}
