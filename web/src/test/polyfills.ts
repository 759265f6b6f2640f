// jsdom has no TextEncoder/TextDecoder, which react-router needs when it loads.
import { TextDecoder, TextEncoder } from 'node:util';

Object.assign(globalThis, { TextEncoder, TextDecoder });
