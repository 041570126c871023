import { runQueueConformance } from './conformance.ts'
import { MemoryQueue } from './memory.ts'

runQueueConformance('memory', {
  create: async (onError) => new MemoryQueue({ onError }),
  cleanup: async () => {},
})
