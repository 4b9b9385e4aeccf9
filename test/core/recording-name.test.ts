import assert from 'node:assert/strict';
import { checkedRecordingName } from '../../core/domain/recording-name';
import { ValidationError } from '../../core/errors';
import { AriCommands } from '../../ivr/ari/ari-commands';
import { AriStoredRecordings, storedRecordingUrl } from '../../ivr/ari/ari-stored-recordings';

/** A fetch that records each URL asked for and answers 204, so a test sees what would reach Asterisk. */
function recordingFetch(): { fetchImpl: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  const fetchImpl = (async (input: Parameters<typeof fetch>[0]) => {
    urls.push(String(input));
    return new Response(null, { status: 204 });
  }) as typeof fetch;
  return { fetchImpl, urls };
}

const ARI = { url: 'http://asterisk:8088', username: 'hotline', password: 'secret' };

describe('stored recording names: never a path Asterisk would read as a directory', () => {
  const refused: Array<[string, RegExp]> = [
    ['.', /recording name "\." is or holds a "\." or "\.\." path segment/],
    ['..', /recording name "\.\." is or holds/],
    ['voicemail/..', /is or holds/],
    ['../etc/passwd', /is or holds/],
    ['a/./b', /is or holds/],
    ['', /recording name "" is empty/],
  ];
  for (const [name, message] of refused) {
    it(`refuses ${JSON.stringify(name)} with a validation error naming it`, () => {
      assert.throws(
        () => checkedRecordingName(name),
        (error) => error instanceof ValidationError && message.test(error.message),
      );
    });
  }

  for (const name of ['hotline-1733-abc12345', '...', '..hidden', 'voicemail/ward-1', 'a.b']) {
    it(`accepts ${JSON.stringify(name)}`, () => {
      assert.equal(checkedRecordingName(name), name);
    });
  }

  it('builds the URL with the name as one encoded segment', () => {
    assert.equal(
      storedRecordingUrl('http://asterisk:8088/', 'voicemail/ward 1', '/file').href,
      'http://asterisk:8088/ari/recordings/stored/voicemail%2Fward%201/file',
    );
  });

  it('sends no delete to Asterisk for "..", and says why', async () => {
    const { fetchImpl, urls } = recordingFetch();
    const recordings = new AriStoredRecordings(ARI, fetchImpl);
    await assert.rejects(recordings.delete('..'), /recording name "\.\." is or holds/);
    assert.deepEqual(urls, []);
    assert.equal(await recordings.delete('hotline-1-abc'), 'deleted');
    assert.deepEqual(urls, ['http://asterisk:8088/ari/recordings/stored/hotline-1-abc']);
  });

  it('streams no audio of "." from Asterisk, and says why', async () => {
    const { fetchImpl, urls } = recordingFetch();
    const recordings = new AriStoredRecordings(ARI, fetchImpl);
    await assert.rejects(
      recordings.open('.', undefined),
      (error) => error instanceof ValidationError && /recording name "\." is or holds/.test(error.message),
    );
    assert.deepEqual(urls, []);
  });

  it('starts no recording under ".." in a call', async () => {
    let clientAsked = false;
    const commands = new AriCommands(() => {
      clientAsked = true;
      return undefined;
    }, 'hotline');
    const options = {
      name: '..',
      format: 'wav',
      maxDurationSeconds: 0,
      maxSilenceSeconds: 0,
      beep: false,
      terminateOn: 'none',
      ifExists: 'fail',
    } as const;
    await assert.rejects(commands.recordBridge('bridge-1', options), /recording name "\.\." is or holds/);
    await assert.rejects(commands.recordChannel('channel-1', options), /recording name "\.\." is or holds/);
    assert.equal(clientAsked, false);
  });
});
