import * as Y from 'yjs';
const server = new Y.Doc();
const author = new Y.Doc();
let map = author.getMap<unknown>('notes');
const t0 = performance.now();
for (let i = 0; i < 20000; i++) { const c = new Y.Map<unknown>(); map.set('child', c); map = c; if (i % 30 === 29) { Y.applyUpdate(server, Y.encodeStateAsUpdate(author, Y.encodeStateVector(server))); } }
Y.applyUpdate(server, Y.encodeStateAsUpdate(author, Y.encodeStateVector(server)));
console.log('built', performance.now() - t0);
try { author.getMap('notes').delete('child'); Y.applyUpdate(server, Y.encodeStateAsUpdate(author, Y.encodeStateVector(server))); console.log('deleted ok', server.getMap('notes').size); } catch (e) { console.log('delete threw', (e as Error).message); }
try { JSON.stringify(server.toJSON()); console.log('toJSON ok'); } catch (e) { console.log('toJSON threw', (e as Error).message); }
