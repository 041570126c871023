import type { Plugin } from '../define.ts'
import { failTask } from './fail.ts'
import { forEachTask } from './for-each.ts'
import { httpRequestTask } from './http-request.ts'
import { ifTask } from './if.ts'
import { kvDeleteTask } from './kv-delete.ts'
import { kvGetTask } from './kv-get.ts'
import { kvSetTask } from './kv-set.ts'
import { logTask } from './log.ts'
import { outputValuesTask } from './output-values.ts'
import { parallelTask } from './parallel.ts'
import { returnTask } from './return.ts'
import { sequentialTask } from './sequential.ts'
import { sleepTask } from './sleep.ts'
import { subflowTask } from './subflow.ts'
import { switchTask } from './switch.ts'
import { flowTrigger } from './trigger-flow.ts'
import { scheduleTrigger } from './trigger-schedule.ts'
import { webhookTrigger } from './trigger-webhook.ts'

/** Core tasks under their Kestra type names (`io.kestra.plugin.core.*`). */
export const corePlugins: Plugin[] = [
  logTask,
  returnTask,
  outputValuesTask,
  failTask,
  sleepTask,
  sequentialTask,
  parallelTask,
  ifTask,
  switchTask,
  forEachTask,
  subflowTask,
  kvSetTask,
  kvGetTask,
  kvDeleteTask,
  httpRequestTask,
  webhookTrigger,
  scheduleTrigger,
  flowTrigger,
]
