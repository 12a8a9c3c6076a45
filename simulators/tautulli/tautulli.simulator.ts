import { Simulator, type SimRequest, type SimResponse } from '../core';
import { COMMANDS } from './tautulli.commands';
import { TAUTULLI_COMMANDS } from './tautulli.command-list';
import { apiError, envelope, type OutputOptions } from './tautulli.envelope';
import { createTautulliState, type TautulliSimulatorOptions, type TautulliState } from './tautulli.state';

export interface TautulliSimulator {
  sim: Simulator;
  state: TautulliState;
}

const KNOWN = new Set(TAUTULLI_COMMANDS);
const OPEN_COMMANDS = new Set(['docs', 'docs_md', 'get_apikey']);
const COMMAND_LIST = TAUTULLI_COMMANDS.join(', ');

/** Query parameters merged with a form body: Tautulli accepts GET and POST alike. */
function paramsOf(req: SimRequest): URLSearchParams {
  const params = new URLSearchParams(req.query);
  const type = req.headers['content-type'] ?? '';
  if (req.body.length && type.includes('application/x-www-form-urlencoded'))
    for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) params.set(k, v);
  return params;
}

/** The checks of API2._api_validate, in its order: unknown commands are reported before a bad key. */
function validate(state: TautulliState, req: SimRequest, params: URLSearchParams): string | null {
  const cmd = params.get('cmd');
  if (!state.apiEnabled) return 'API not enabled';
  if (cmd !== null && OPEN_COMMANDS.has(cmd)) return null;
  if (!params.has('apikey')) return 'Parameter apikey is required';
  if (cmd === null) return `Parameter cmd is required. Possible commands are: ${COMMAND_LIST}`;
  if (!KNOWN.has(cmd)) return `Unknown command: ${cmd}. Possible commands are: ${COMMAND_LIST}`;
  if (params.get('apikey') !== state.apiKey || req.faults.badAuth) return 'Invalid apikey';
  return null;
}

export function createTautulliSimulator(options: TautulliSimulatorOptions = {}): TautulliSimulator {
  const state = createTautulliState(options);
  const sim = new Simulator({
    name: 'tautulli',
    seed: state.world.seed,
    errorResponse: (status) => apiError('Check the logs for errors', {}, status),
    notFound: (req) => ({
      status: 404,
      headers: { 'Content-Type': 'text/html;charset=utf-8' },
      body: `<html><head><title>404 Not Found</title></head><body><h2>404 Not Found</h2><p>The path '${req.path}' was not found.</p></body></html>`,
    }),
  });

  const handle = (req: SimRequest): SimResponse => {
    const params = paramsOf(req);
    const out: OutputOptions = {
      outType: params.get('out_type'),
      callback: params.get('callback'),
      debug: params.get('debug') === '1' || params.get('debug') === 'true',
    };
    const problem = validate(state, req, params);
    // Every error, whatever the code first picked (401, 404), leaves as HTTP 400.
    if (problem) return apiError(problem, out);
    const cmd = params.get('cmd') ?? '';
    const run = COMMANDS[cmd];
    const result = run?.({ state, params, now: state.world.clock(), empty: req.faults.emptyLists }) ?? null;
    if (!result) return apiError(null, out);
    const outcome = result.result ?? 'success';
    const answer = envelope(
      outcome === 'success' ? 200 : 400,
      outcome,
      result.message ?? null,
      result.data ?? {},
      out,
    );
    if ((cmd === 'restart' || cmd === 'update') && (state.restartDowntimeMs > 0 || state.restartExits))
      closeForAWhile();
    return answer;
  };

  let restarting = false;
  // A restarting Tautulli closes its port for a few seconds, then comes back on the same one; one with
  // no supervisor (restartExits) exits and stays down.
  const closeForAWhile = () => {
    if (restarting || !sim.url) return;
    restarting = true;
    const port = Number(new URL(sim.url).port);
    setTimeout(() => {
      if (state.restartExits) {
        void sim.stop().then(() => (restarting = false));
        return;
      }
      void sim.stop().then(() =>
        setTimeout(() => {
          restarting = false;
          void sim.start(port);
        }, state.restartDowntimeMs),
      );
    }, 50);
  };

  const byCommand = { key: (req: SimRequest) => paramsOf(req).get('cmd') ?? '(no cmd)' };
  sim.route('GET', '/api/v2', handle, byCommand);
  sim.route('POST', '/api/v2', handle, byCommand);
  // webserve.api(): anything but /api/v2 gets the error envelope, with HTTP 200.
  const legacy = () => envelope(200, 'error', 'Please use the /api/v2 endpoint.', {});
  sim.route('GET', '/api', legacy);
  sim.route('POST', '/api', legacy);
  return { sim, state };
}
