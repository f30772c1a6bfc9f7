/**
 * `npm run --silent kiosk -- <command> …`: the kiosk's services from a terminal.
 * Each command lives in commands/<name>.ts and exports `run(args: string[]): Promise<number>`
 * (the exit code). Output meant for machines is one JSON object on stdout; messages for
 * people go to stderr.
 */
type Command = { run: (args: string[]) => Promise<number>; summary: string; help?: string };
const commands: Record<string, () => Promise<Command>> = {
  packs: () => import('./commands/packs.js'),
  db: () => import('./commands/db.js'),
  transcribe: () => import('./commands/transcribe.js'),
  models: () => import('./commands/models.js'),
  face: () => import('./commands/face.js'),
  score: () => import('./commands/score.js'),
  audit: () => import('./commands/audit.js'),
  auth: () => import('./commands/auth.js'),
  sync: () => import('./commands/sync.js'),
  serve: () => import('./commands/serve.js'),
};

const isHelp = (a: string | undefined) => a === '--help' || a === '-h' || a === 'help';
const [name, ...rest] = process.argv.slice(2);
if (!name || isHelp(name) || !(name in commands)) {
  process.stderr.write(
    `usage: npm run --silent kiosk -- <command> [args]\ncommands: ${Object.keys(commands).join(', ')}\n(npm run --silent kiosk -- <command> --help: what it does and its options)\n`,
  );
  process.exit(name && !isHelp(name) ? 2 : 0);
}
try {
  const cmd = await commands[name]!();
  // --help anywhere (also after a subcommand) prints the command's usage and runs nothing.
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stderr.write(`${cmd.help ?? `usage: npm run --silent kiosk -- ${cmd.summary}`}\n`);
    process.exit(0);
  }
  process.exitCode = await cmd.run(rest);
} catch (e) {
  const err = e as { code?: string; message?: string };
  if (err.code === 'ERR_MODULE_NOT_FOUND') process.stderr.write(`kiosk ${name}: this command is not available in this build\n`);
  else process.stderr.write(`kiosk ${name}: ${err.message ?? String(e)}\n`);
  process.exitCode = 1;
}
