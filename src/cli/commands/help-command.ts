import { OptionsError } from '../../core/sync-error.js';
import type { CliContext } from '../cli-context.js';
import { findCommandSpec } from '../command-specs.js';
import { ExitCode } from '../exit-code.js';
import type { CliInvocation } from '../parse-cli-args.js';
import { commandUsageText, usageText } from '../usage-text.js';

/** `syncprims help [COMMAND]`, `-h`: the usage on stdout. */
export function runHelpCommand(ctx: CliContext, invocation: CliInvocation): ExitCode {
  const topic = invocation.args[0];
  if (topic === undefined) {
    ctx.out(usageText());
    return ExitCode.Ok;
  }
  const spec = findCommandSpec(topic);
  if (!spec) throw new OptionsError(`unknown command ${JSON.stringify(topic)}`);
  ctx.out(commandUsageText(spec));
  return ExitCode.Ok;
}
