import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { StorageError } from '../../../local/broker';
import { startTestBroker } from '../../helpers/broker';

describe('starting and stopping the broker', () => {
  it('refuses a data directory another running broker holds, and takes it once that one stops', async () => {
    // Prepare
    const first = await startTestBroker();

    // Act
    const second = startTestBroker({ dataDir: first.dataDir });
    await expect(second).rejects.toBeInstanceOf(StorageError);
    await first.stop({ keepData: true });
    const third = await startTestBroker({ dataDir: first.dataDir });

    // Assess
    expect(third.broker.clusterId).toBe(first.broker.clusterId);
    await third.stop();
    rmSync(first.dataDir, { recursive: true, force: true });
  });

  it('fails to start on a port in use and leaves the data directory free', async () => {
    // Prepare
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const started = await startTestBroker();
    await started.stop({ keepData: true });

    // Act
    const attempt = startTestBroker({ dataDir: started.dataDir, port });
    await expect(attempt).rejects.toMatchObject({ code: 'EADDRINUSE' });
    const retried = await startTestBroker({ dataDir: started.dataDir });

    // Assess
    expect(retried.port).not.toBe(port);
    await retried.stop();
    blocker.close();
    rmSync(started.dataDir, { recursive: true, force: true });
  });

  it('starts and stops in well under a second, as tests that start many brokers need', async () => {
    // Prepare
    const started = Date.now();

    // Act
    for (let i = 0; i < 5; i++) await (await startTestBroker()).stop();

    // Assess
    expect((Date.now() - started) / 5).toBeLessThan(500);
  });
});
