import { prepareTestEnvironment } from './test-environment';

export default async function setup() {
  const environment = await prepareTestEnvironment();
  return environment.teardown;
}
