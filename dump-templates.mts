import { writeFileSync } from 'node:fs';
import { buildApp } from './infra/build-app.ts';
import { testSynthContext } from './test/infra/synth-fixture.ts';
const out = process.argv[2];
for (const partition of ['aws', 'aws-cn'] as const) {
  const { app, stateful, stateless } = buildApp({ app: { context: testSynthContext(partition) } });
  const assembly = app.synth();
  for (const stack of [stateful, stateless]) {
    const t = assembly.getStackByName(stack.stackName).template;
    writeFileSync(`${out}/${partition}-${stack.stackName}.json`, JSON.stringify(t, null, 1));
  }
}
