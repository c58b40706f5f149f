/**
 * Random ids, one rule for everything Phuluc creates: users, plans and versions on the server;
 * tables, rows and comments in the plan document. An id is url-safe and starts with a letter, so
 * a command line never takes it for an option (`phuluc user add --plan -gdDZ…` was refused).
 */

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * The id spelt by `bytes` of randomness, one character per byte: the first is one of the 32
 * letters A–Z a–f (5 bits), every other one of 64 url-safe characters (6 bits).
 */
export function idFromBytes(bytes: Uint8Array): string {
  let id = '';
  for (const [k, byte] of bytes.entries()) id += ID_ALPHABET[k === 0 ? byte & 31 : byte & 63];
  return id;
}
