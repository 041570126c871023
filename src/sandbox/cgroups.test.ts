import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { locateHierarchies, probeCgroups, RunCgroup } from './cgroups.ts'

const probe = await probeCgroups()

describe('cgroups', {
  skip: probe.support ? false : `no usable cgroups here: ${probe.problems.join('; ')}`,
}, () => {
  const support = probe.support as NonNullable<typeof probe.support>

  it('finds memory and pids controllers on v1 or v2', () => {
    assert.ok([1, 2].includes(support.version))
    assert.ok(support.controllers.includes('memory') && support.controllers.includes('pids'))
  })

  it('creates a run group, limits it, reads usage and removes it', async () => {
    const group = await RunCgroup.create(support)
    try {
      await group.setLimits(65536, 17)
      const directory = Object.values(group.directories)[0] as string
      if (support.version === 2) {
        assert.equal(readFileSync(join(directory, 'memory.max'), 'utf8').trim(), String(65536 * 1024))
        assert.equal(readFileSync(join(directory, 'pids.max'), 'utf8').trim(), '17')
      } else {
        assert.equal(
          readFileSync(join(group.directories.memory as string, 'memory.limit_in_bytes'), 'utf8').trim(),
          String(65536 * 1024),
        )
        assert.equal(readFileSync(join(group.directories.pids as string, 'pids.max'), 'utf8').trim(), '17')
      }
      // Raising after lowering keeps memsw >= memory (v1 refuses the write otherwise).
      await group.setLimits(131072, 17)
      await group.setLimits(32768, 17)
      const usage = await group.usage()
      assert.deepEqual([usage.oomKilled, usage.pidsLimitHit], [false, false])
      assert.equal(group.procsFiles.length, Object.keys(group.directories).length)
    } finally {
      await group.remove()
    }
    for (const directory of Object.values(group.directories)) assert.ok(!existsSync(directory))
  })
})

describe('locateHierarchies', () => {
  it('v2-only host (systemd user session): the unified mount and our own group', () => {
    const plan = locateHierarchies(
      'proc /proc proc rw 0 0\ncgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime,nsdelegate 0 0\n',
      '0::/user.slice/user-1000.slice/user@1000.service/app.slice/verity.scope\n',
    )
    assert.deepEqual(plan, {
      v2: {
        mountPath: '/sys/fs/cgroup',
        own: '/user.slice/user-1000.slice/user@1000.service/app.slice/verity.scope',
      },
      v1: {},
    })
  })

  it('hybrid host: v1 controllers (cpu,cpuacct co-mounted) plus a unified hierarchy', () => {
    const plan = locateHierarchies(
      [
        'cgroup2 /sys/fs/cgroup/unified cgroup2 rw,nosuid,nodev,noexec,relatime 0 0',
        'cgroup /sys/fs/cgroup/memory cgroup rw,nosuid,nodev,noexec,relatime,memory 0 0',
        'cgroup /sys/fs/cgroup/pids cgroup rw,nosuid,nodev,noexec,relatime,pids 0 0',
        'cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,nosuid,nodev,noexec,relatime,cpu,cpuacct 0 0',
      ].join('\n'),
      '5:pids:/\n4:memory:/process_api/abc\n2:cpu,cpuacct:/x\n0::/\n',
    )
    assert.deepEqual(plan.v2, { mountPath: '/sys/fs/cgroup/unified', own: '/' })
    assert.deepEqual(plan.v1, {
      memory: { mountPath: '/sys/fs/cgroup/memory', own: '/process_api/abc' },
      pids: { mountPath: '/sys/fs/cgroup/pids', own: '/' },
      cpuacct: { mountPath: '/sys/fs/cgroup/cpu,cpuacct', own: '/x' },
    })
  })

  it('no cgroups mounted: nothing to use', () => {
    assert.deepEqual(locateHierarchies('proc /proc proc rw 0 0\n', ''), { v1: {} })
  })
})
