export async function startWorkers() {
  return { stop: async () => {} };
}
