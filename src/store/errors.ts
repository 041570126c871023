import { VerityError } from '../errors.ts'

/** A storage failure or misuse: schema too new, file too large or missing, unsafe file name, bad KV date. */
export class StoreError extends VerityError {}
