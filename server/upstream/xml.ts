import { parseStringPromise } from 'xml2js';

/** XML as plain objects: attributes under `$`, repeated elements as arrays (xml2js defaults). */
export function parseXml<T>(text: string): Promise<T> {
  return parseStringPromise(text, { explicitArray: true, explicitRoot: true, strict: true }) as Promise<T>;
}
