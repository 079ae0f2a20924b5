/**
 * Types for the punycode package's CommonJS file. The package ships none, and @types/node only
 * types the bare name `punycode`, which Node resolves to its deprecated built-in instead.
 */
declare module 'punycode/punycode.js' {
  const punycode: {
    decode(input: string): string;
    encode(input: string): string;
    toASCII(domain: string): string;
    toUnicode(domain: string): string;
  };
  export default punycode;
}
