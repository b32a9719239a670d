/** The OpenAPI document and the app agree: every route is documented, every documented route exists. */
import request from 'supertest';
import { OPENAPI } from '../server/http/openapi';
import { closeParser, makeService } from './serviceHelpers';

afterAll(closeParser);

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  name?: string;
}

/** `METHOD /path` of every route an Express router holds, mounted routers included (prefix given). */
function routesOf(stack: Layer[], prefix: string): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      return Object.keys(layer.route.methods).filter((m) => m !== '_all')
        .map((m) => `${m.toUpperCase()} ${prefix}${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`);
    }
    return layer.name === 'router' && layer.handle?.stack ? routesOf(layer.handle.stack, '/api') : [];
  });
}

test('every route is documented and every documented route exists', async () => {
  const { app } = await makeService({ seed: false });
  const actual = routesOf((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  const documented = Object.entries(OPENAPI.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
  expect(actual.length).toBeGreaterThan(15);
  expect([...new Set(actual)].sort()).toEqual(documented.sort());
});

test('the document is served to token holders as JSON', async () => {
  const s = await makeService({ seed: false });
  const res = await request(s.app).get('/api/openapi.json').set('Authorization', `Bearer ${s.tokens.karaj}`);
  expect(res.status).toBe(200);
  expect(res.body.openapi).toBe('3.0.3');
  expect(Object.keys(res.body.paths)).toContain('/api/returns');
});
