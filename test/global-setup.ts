// Generates the test models once before any test file runs (see models/README.md).
export default async function setup(): Promise<void> {
  const { generateAll } = await import('../models/generate.js');
  await generateAll();
}
