import { readFileSync } from 'node:fs';

/**
 * The container files cannot be run where the project is built (no container runtime): these
 * checks keep them in step with the project, and say nothing about whether an image builds.
 */
describe('docker/', () => {
  const dockerfile = readFileSync('docker/Dockerfile', 'utf8');
  const compose = readFileSync('docker/compose.yaml', 'utf8');
  const engines = (JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }).engines.node;

  it('builds in stages on the Node the project requires, runs the service as a non-root user with a health check', () => {
    const [, major, minor] = (/ARG NODE_IMAGE=node:(\d+)\.(\d+)-/.exec(dockerfile) ?? []).map(Number);
    const [, needMajor, needMinor] = (/^>=(\d+)\.(\d+)$/.exec(engines) ?? []).map(Number);
    expect(major).toBe(needMajor);
    expect(minor).toBeGreaterThanOrEqual(needMinor!);
    expect(dockerfile.match(/^FROM .* AS (\S+)$/gm)?.map((line) => line.split(' AS ')[1])).toEqual(['deps', 'build', 'prod-deps', 'runtime', 'test']);
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'), dockerfile.indexOf('AS test'));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n.*\/api\/v1\/health\/ready/m);
    expect(runtime).toContain('CMD ["node", "dist/src/main.js"]');
  });

  it('the compose file has the three profiles and hands the engine suites their server URLs', () => {
    for (const profile of ['postgres', 'engines', 'test']) expect(compose).toContain(profile);
    expect(compose).toMatch(/profiles: \[postgres\]\n/);
    expect(compose).toMatch(/EVENT_STORE: kurrentdb\n\s+KURRENTDB_URL: kurrentdb:\/\/kurrentdb:2113\?tls=false\n\s+READ_STORE: mongodb\n\s+MONGODB_URL: mongodb:\/\/mongo:27017\/heating_cases\?replicaSet=rs0/);
    const tests = compose.slice(compose.indexOf('  tests:'));
    expect(tests).toContain('KURRENTDB_URL:');
    expect(tests).toContain('MONGODB_URL:');
    expect(tests).toContain('TEST_POSTGRES_URL:');
    expect(compose).toContain('"--replSet", "rs0"');
  });
});
