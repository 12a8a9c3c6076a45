import { HttpException } from '@nestjs/common';
import { UpstreamError } from '../upstream/upstream-error';
import type { SeerrClient } from './seerr.client';
import type { SeerrCheckDto } from './seerr.dto';

const KEY_HINT = "copy it from Seerr's Settings → General → API Key";

/** An error as the sentence shown to the admin; upstream errors already name Seerr. */
export function sentence(err: unknown): string {
  return err instanceof HttpException
    ? err.message
    : 'Seerr could not be read because of an unexpected error.';
}

/**
 * Seerr 3 (Seerr), 2 (Jellyseerr) and develop builds create users the way the sync expects. Overseerr 1.x
 * has no username fallback for the e-mail of a new user: POST /user there requires `email`.
 */
export function versionCheck(version: string): SeerrCheckDto {
  if (version.startsWith('develop')) {
    return { name: 'version', ok: true, detail: `Seerr ${version} is a development build.` };
  }
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (major === 1) {
    return {
      name: 'version',
      ok: false,
      detail: `Version ${version} is Overseerr, which cannot create users without an e-mail address; upgrade to Seerr.`,
    };
  }
  return { name: 'version', ok: true, detail: `Seerr ${version}.` };
}

function keyProblem(err: unknown): string {
  if (err instanceof UpstreamError && err.kind === 'unauthorized')
    return `Seerr refused the API key; ${KEY_HINT}.`;
  if (err instanceof UpstreamError && err.kind === 'not-configured') return `No API key is set; ${KEY_HINT}.`;
  return sentence(err);
}

/** The pre-flight checks of the Seerr page, in order; a check that cannot run says why. */
export async function seerrChecks(client: SeerrClient): Promise<SeerrCheckDto[]> {
  let version: string;
  try {
    version = (await client.status()).version;
  } catch (err) {
    const skipped = 'Not checked: Seerr is not reachable.';
    return [
      { name: 'reachable', ok: false, detail: sentence(err) },
      { name: 'api_key', ok: false, detail: skipped },
      { name: 'local_login', ok: false, detail: skipped },
      { name: 'writes', ok: false, detail: skipped },
      { name: 'version', ok: false, detail: skipped },
    ];
  }
  const checks: SeerrCheckDto[] = [{ name: 'reachable', ok: true, detail: 'Seerr answered.' }];
  let keyOk = false;
  try {
    const me = await client.me();
    keyOk = true;
    checks.push({
      name: 'api_key',
      ok: true,
      detail: `The API key is accepted (it acts as ${me.displayName}).`,
    });
  } catch (err) {
    checks.push({ name: 'api_key', ok: false, detail: keyProblem(err) });
  }
  if (keyOk) {
    try {
      const { localLogin } = await client.mainSettings();
      checks.push(
        localLogin
          ? { name: 'local_login', ok: true, detail: 'Local sign-in is enabled, so synced users can log in.' }
          : {
              name: 'local_login',
              ok: false,
              detail:
                'Local sign-in is disabled in Seerr (Settings → Users → Enable Local Sign-In); synced users could not log in.',
            },
      );
    } catch (err) {
      checks.push({ name: 'local_login', ok: false, detail: sentence(err) });
    }
    checks.push(await writeCheck(client));
  } else {
    const skipped = 'Not checked: the API key was not accepted.';
    checks.push(
      { name: 'local_login', ok: false, detail: skipped },
      { name: 'writes', ok: false, detail: skipped },
    );
  }
  checks.push(versionCheck(version));
  return checks;
}

/**
 * Reads succeed with CSRF protection on while every write fails, so only a write can tell: user 1's
 * settings posted back unchanged. The client words Seerr's "invalid csrf token" with the fix.
 */
async function writeCheck(client: SeerrClient): Promise<SeerrCheckDto> {
  try {
    await client.rewriteOwnerSettings();
    return { name: 'writes', ok: true, detail: 'Seerr accepts changes made with the API key.' };
  } catch (err) {
    // Transport failures and Seerr's refusals (CSRF protection with its fix) are sentences naming Seerr.
    const detail =
      err instanceof HttpException
        ? err.message
        : 'Seerr could not be changed because of an unexpected error.';
    return { name: 'writes', ok: false, detail };
  }
}
