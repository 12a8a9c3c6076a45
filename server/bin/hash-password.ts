import { hashPassword } from '../config/password-hash';

/**
 * Prints an admin.password_hash for config.json. The password comes from the first argument, or is
 * read from standard input so it stays out of the shell history: `npm run hash-password`.
 */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function main(): Promise<void> {
  const password = process.argv[2] ?? (await readStdin());
  if (password.length < 8) {
    process.stderr.write('Choose a password of at least 8 characters.\n');
    process.exit(2);
  }
  process.stdout.write(`${await hashPassword(password)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
