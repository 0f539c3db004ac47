// har-validator ships no types: the one function the tests use. It resolves with the HAR when it is
// valid against the HAR 1.2 schema (har-schema), and rejects with the schema errors when not.
declare module 'har-validator' {
  const validator: { har(data: unknown): Promise<unknown> };
  export default validator;
}
