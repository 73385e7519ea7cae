// The load generator of scripts/load.mjs. It runs in a process of its own, so that making the
// requests never shares an event loop (or a core, where there are two) with the server under
// test. Forked once by load.mjs; each message { url, seconds, connections } runs autocannon
// against that URL for that long and answers with what it counted.
import autocannon from 'autocannon';

if (!process.send) {
  console.error('load-client.mjs is started by scripts/load.mjs (it needs an IPC channel).');
  process.exit(2);
}

process.on('message', async ({ url, seconds, connections }) => {
  try {
    const result = await autocannon({ url, duration: seconds, connections });
    process.send({
      ok: true,
      requests: result.requests.total,
      seconds: result.duration,
      // Anything but a clean 2xx answer counts against the server: connection errors, requests
      // that timed out (10 s each), and responses with another status.
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
    });
  } catch (error) {
    process.send({ ok: false, message: String(error?.message ?? error) });
  }
});
process.on('disconnect', () => process.exit(0));
