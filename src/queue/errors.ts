import { VerityError } from '../errors.ts'

/** A queue misuse or backend failure: closed queue, bad concurrency, unreachable database. */
export class QueueError extends VerityError {}
