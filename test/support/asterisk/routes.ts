import { type Request, type Response, Router } from 'express';
import { AriError, asteriskTime, hangupReasons } from './ari.types';
import { Params } from './http.params';
import type { Pbx } from './pbx';
import type { RecordParams } from './recordings';
import {
  application,
  applicationJson,
  asteriskInfo,
  endpoints,
  storedFile,
  storedJson,
} from './routes.system';

type Handler = (p: Params, res: Response) => unknown;

/** One line per ARI operation the emulator serves; the handlers follow below. */
export function ariRoutes(pbx: Pbx): Router {
  const r = Router();
  const respond = (res: Response, result: unknown) => {
    if (res.headersSent) return;
    if (result === undefined) res.status(204).end();
    else res.json(result);
  };
  // A handler answers at once, or (a command queued behind the channel's playback) when its promise settles.
  const h = (handler: Handler) => (req: Request, res: Response) => {
    const result = handler(new Params(req), res);
    if (result instanceof Promise) return result.then((value) => respond(res, value));
    respond(res, result);
  };
  const ch = channelHandlers(pbx);
  const br = bridgeHandlers(pbx);
  r.get(
    '/channels',
    h(() => [...pbx.channels.values()].map((c) => c.json())),
  );
  r.post('/channels', h(ch.originate));
  r.post('/channels/create', h(ch.create));
  r.get(
    '/channels/:channelId',
    h((p) => pbx.find(p.required('channelId')).json()),
  );
  r.post('/channels/:channelId', h(ch.originate));
  r.delete('/channels/:channelId', h(ch.hangup));
  r.post('/channels/:channelId/answer', h(ch.answer));
  r.post('/channels/:channelId/ring', h(ch.flag('isRinging', true)));
  r.delete('/channels/:channelId/ring', h(ch.flag('isRinging', false)));
  r.post('/channels/:channelId/moh', h(ch.flag('isOnHold', true)));
  r.delete('/channels/:channelId/moh', h(ch.flag('isOnHold', false)));
  r.post('/channels/:channelId/continue', h(ch.continueInDialplan));
  r.get('/channels/:channelId/variable', h(ch.getVariable));
  r.post('/channels/:channelId/variable', h(ch.setVariable));
  r.post('/channels/:channelId/dial', h(ch.dial));
  r.post('/channels/:channelId/play', h(ch.play));
  r.post('/channels/:channelId/play/:playbackId', h(ch.play));
  r.post('/channels/:channelId/record', h(ch.record));
  r.get(
    '/bridges',
    h(() => [...pbx.bridges.byId.values()].map((b) => b.json())),
  );
  r.post('/bridges', h(br.create));
  r.post('/bridges/:bridgeId', h(br.create));
  r.get(
    '/bridges/:bridgeId',
    h((p) => pbx.bridges.get(p.required('bridgeId')).json()),
  );
  r.delete(
    '/bridges/:bridgeId',
    h((p) => pbx.bridges.destroy(pbx.bridges.get(p.required('bridgeId')))),
  );
  r.post('/bridges/:bridgeId/addChannel', h(br.addChannel));
  r.post('/bridges/:bridgeId/removeChannel', h(br.removeChannel));
  r.post('/bridges/:bridgeId/moh', h(br.moh(true)));
  r.delete('/bridges/:bridgeId/moh', h(br.moh(false)));
  r.post('/bridges/:bridgeId/play', h(br.play));
  r.post('/bridges/:bridgeId/play/:playbackId', h(br.play));
  r.post('/bridges/:bridgeId/record', h(br.record));
  r.get(
    '/playbacks/:playbackId',
    h((p) => pbx.playbacks.get(p.required('playbackId')).json()),
  );
  r.delete(
    '/playbacks/:playbackId',
    h((p) => pbx.playbacks.stop(p.required('playbackId'))),
  );
  r.get(
    '/recordings/stored',
    h(() => [...pbx.recordings.stored.values()].map(({ name, format }) => ({ name, format }))),
  );
  r.get('/recordings/stored/:recordingName', h(storedJson(pbx)));
  r.delete(
    '/recordings/stored/:recordingName',
    h((p) => pbx.recordings.deleteStored(p.required('recordingName'))),
  );
  r.get('/recordings/stored/:recordingName/file', h(storedFile(pbx)));
  r.get(
    '/recordings/live/:recordingName',
    h((p) => pbx.recordings.getLive(p.required('recordingName')).json()),
  );
  r.delete(
    '/recordings/live/:recordingName',
    h((p) => pbx.recordings.cancel(p.required('recordingName'))),
  );
  r.post(
    '/recordings/live/:recordingName/stop',
    h((p) => pbx.recordings.stop(p.required('recordingName'))),
  );
  r.get(
    '/applications',
    h(() => [...pbx.bus.registered].map((name) => applicationJson(pbx, name))),
  );
  r.get('/applications/:applicationName', h(application(pbx)));
  r.get(
    '/asterisk/info',
    h(() => asteriskInfo(pbx)),
  );
  r.get(
    '/asterisk/ping',
    h(() => ({ asterisk_id: pbx.options.asteriskId, ping: 'pong', timestamp: asteriskTime() })),
  );
  r.get(
    '/endpoints',
    h(() => endpoints(pbx)),
  );
  r.get(
    '/sounds',
    h(() => []),
  );
  r.get(
    '/deviceStates',
    h(() => []),
  );
  r.get(
    '/mailboxes',
    h(() => []),
  );
  return r;
}

function channelHandlers(pbx: Pbx) {
  return {
    flag: (name: 'isRinging' | 'isOnHold', value: boolean) => (p: Params) => {
      pbx.control(p.required('channelId'))[name] = value;
    },
    originate: (p: Params) => {
      const app = p.string('app');
      if (!app) throw new AriError(400, 'Application or extension must be specified');
      const params = { endpoint: p.required('endpoint'), app, appArgs: p.list('appArgs') };
      return pbx.dialer
        .originate({ ...params, ...optional(p, 'channelId', 'originator', 'callerId') }, p.int('timeout', 30))
        .json();
    },
    create: (p: Params) => {
      const params = { endpoint: p.required('endpoint'), app: p.required('app'), appArgs: p.list('appArgs') };
      return pbx.dialer.create({ ...params, ...optional(p, 'channelId', 'originator') }).json();
    },
    hangup: (p: Params) => {
      const channel = pbx.find(p.required('channelId'));
      const reasonCode = p.string('reason_code');
      const reason = p.string('reason') ?? 'normal';
      const cause = reasonCode ? Number(reasonCode) : hangupReasons[reason];
      if (cause === undefined || Number.isNaN(cause))
        throw new AriError(400, 'Invalid reason for hangup provided');
      pbx.hangup(channel, cause, 'ari');
    },
    // Answering an Up channel is a no-op that still returns 204 (ast_raw_answer ignores Up).
    answer: (p: Params) => {
      const channel = pbx.control(p.required('channelId'));
      channel.isRinging = false;
      pbx.setState(channel, 'Up');
    },
    // resource_channels.c: no context keeps the channel's, no extension keeps its, no priority is the next one.
    continueInDialplan: (p: Params) => {
      const channel = pbx.control(p.required('channelId'));
      const { dialplan } = channel;
      channel.continuedInDialplan = true;
      channel.continuedTo = {
        context: p.string('context') || dialplan.context,
        extension: p.string('extension') || dialplan.exten,
        priority: p.int('priority', dialplan.priority + 1),
      };
      pbx.leaveStasis(channel);
    },
    getVariable: (p: Params) => {
      const channel = pbx.find(p.required('channelId'));
      return { value: channel.vars.get(p.required('variable')) ?? '' };
    },
    setVariable: (p: Params) => {
      const variable = p.string('variable');
      if (!variable) throw new AriError(400, 'Variable name is required');
      pbx.setVariable(pbx.control(p.required('channelId')), variable, p.string('value') ?? '');
    },
    dial: (p: Params) => {
      const channel = pbx.control(p.required('channelId'));
      const callerId = p.string('caller');
      const caller = callerId ? pbx.channels.get(callerId) : undefined;
      if (callerId && !caller) throw new AriError(400, 'Caller not found');
      pbx.dialer.dial(channel, caller, p.int('timeout', 0));
    },
    play: (p: Params, res: Response) => {
      const channel = pbx.control(p.required('channelId'));
      const playback = pbx.playbacks.play(
        `channel:${channel.id}`,
        p.list('media'),
        p.string('lang') ?? 'en',
        p.string('playbackId'),
      );
      res.status(201).set('Location', `/playbacks/${playback.id}`).json(playback.json());
    },
    record: (p: Params, res: Response) => {
      const params = recordParams(p);
      const channel = pbx.control(p.required('channelId'));
      const recording = pbx.recordings.start(`channel:${channel.id}`, params);
      res
        .status(201)
        .set('Location', `/recordings/live/${encodeURIComponent(params.name)}`)
        .json(recording.json());
    },
  };
}

function bridgeHandlers(pbx: Pbx) {
  return {
    moh: (value: boolean) => (p: Params) => {
      pbx.bridges.get(p.required('bridgeId')).isPlayingMoh = value;
    },
    create: (p: Params) =>
      pbx.bridges.create(p.string('type'), p.string('name'), p.string('bridgeId')).json(),
    addChannel: (p: Params, res: Response) => {
      const bridge = pbx.bridges.get(p.required('bridgeId'));
      return pbx.bridges.addInTurn(bridge, pbx.bridges.resolveChannels(p.list('channel')), () =>
        res.status(204).end(),
      );
    },
    removeChannel: (p: Params) => {
      const bridge = pbx.bridges.get(p.required('bridgeId'));
      for (const channel of pbx.bridges.resolveChannels(p.list('channel')))
        pbx.bridges.remove(bridge, channel);
    },
    play: (p: Params, res: Response) => {
      const bridge = pbx.bridges.get(p.required('bridgeId'));
      const playback = pbx.playbacks.play(
        `bridge:${bridge.id}`,
        p.list('media'),
        p.string('lang') ?? 'en',
        p.string('playbackId'),
      );
      res.status(201).set('Location', `/playbacks/${playback.id}`).json(playback.json());
    },
    record: (p: Params, res: Response) => {
      const params = recordParams(p);
      const bridge = pbx.bridges.get(p.required('bridgeId'));
      const recording = pbx.recordings.start(`bridge:${bridge.id}`, params);
      res
        .status(201)
        .set('Location', `/recordings/live/${encodeURIComponent(params.name)}`)
        .json(recording.json());
    },
  };
}

function recordParams(p: Params): RecordParams {
  return {
    name: p.required('name'),
    format: p.required('format'),
    maxDurationSeconds: p.int('maxDurationSeconds', 0),
    maxSilenceSeconds: p.int('maxSilenceSeconds', 0),
    ifExists: p.string('ifExists') ?? 'fail',
    beep: p.bool('beep', false),
    terminateOn: p.string('terminateOn') ?? 'none',
  };
}

function optional(p: Params, ...names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = p.string(name);
    if (value) out[name] = value;
  }
  return out;
}
