/**
 * The extended languages that run on the JDK of the core set (Clojure, Scala, Groovy, Kotlin), installed by
 * `scripts/setup --all`. Plain data, like `core.ts`; JVM flags and limits come from `toolchains.ts`.
 */
import type { LanguageDefinition } from '../types.ts'
import {
  hostPathBinds,
  JDK_BINDS,
  JVM_FLAGS,
  JVM_MINIMUM_LIMITS,
  JVM_OPTIONS_ENV,
  TMP_HOME,
} from './toolchains.ts'

/**
 * Version of a JVM language from the versioned jar Debian links its library to (`clojure.jar` →
 * `clojure-1.11.1.jar`): the same answer as the launcher's `--version` without starting a JVM.
 */
const READ_JAR_VERSION = (jar: string) => ['/usr/bin/readlink', '-f', `/usr/share/java/${jar}`]

export const jvmLanguages: LanguageDefinition[] = [
  {
    id: 'clojure',
    name: 'Clojure',
    aliases: ['clj'],
    sourceFile: 'main.clj',
    run: ['/usr/bin/java', ...JVM_FLAGS, '-cp', '/usr/share/java/clojure.jar', 'clojure.main', 'main.clj'],
    judge0Ids: [86],
    versionCommand: READ_JAR_VERSION('clojure.jar'),
    requires: ['/usr/bin/java', '/usr/share/java/clojure.jar'],
    debianPackages: ['clojure'],
    binds: JDK_BINDS,
    set: 'extended',
    env: TMP_HOME,
    minimumLimits: JVM_MINIMUM_LIMITS,
  },
  {
    id: 'scala',
    name: 'Scala',
    sourceFile: 'Main.scala',
    compile: ['/usr/bin/scalac', '{compilerOptions}', 'Main.scala'],
    // The JVM directly, not the `scala` launcher script: a limit's signal must end the program, not its shell.
    run: ['/usr/bin/java', ...JVM_FLAGS, '-cp', '.:/usr/share/java/scala-library.jar', 'Main'],
    judge0Ids: [81, 112],
    versionCommand: READ_JAR_VERSION('scala-library.jar'),
    requires: ['/usr/bin/scalac', '/usr/bin/java', '/usr/share/java/scala-library.jar'],
    debianPackages: ['scala'],
    binds: JDK_BINDS,
    set: 'extended',
    env: { JAVA_OPTS: JVM_OPTIONS_ENV, ...TMP_HOME },
    minimumLimits: JVM_MINIMUM_LIMITS,
  },
  {
    id: 'groovy',
    name: 'Groovy',
    sourceFile: 'script.groovy',
    compile: ['/usr/bin/groovyc', '{compilerOptions}', 'script.groovy'],
    run: ['/usr/bin/java', ...JVM_FLAGS, '-cp', '.:/usr/share/java/groovy-all.jar', 'script'],
    judge0Ids: [88],
    versionCommand: READ_JAR_VERSION('groovy-all.jar'),
    requires: ['/usr/bin/groovyc', '/usr/bin/java', '/usr/share/java/groovy-all.jar'],
    debianPackages: ['groovy'],
    binds: { ...JDK_BINDS, ...hostPathBinds('/etc/groovy') },
    set: 'extended',
    env: { JAVA_OPTS: JVM_OPTIONS_ENV, ...TMP_HOME },
    minimumLimits: JVM_MINIMUM_LIMITS,
  },
  {
    id: 'kotlin',
    name: 'Kotlin',
    aliases: ['kt'],
    sourceFile: 'Main.kt',
    compile: [
      '/usr/bin/kotlinc',
      '-nowarn',
      '{compilerOptions}',
      'Main.kt',
      '-include-runtime',
      '-d',
      'main.jar',
    ],
    run: ['/usr/bin/java', ...JVM_FLAGS, '-jar', 'main.jar'],
    judge0Ids: [78, 111],
    // `kotlinc -version` starts a JVM to print `1.3-SNAPSHOT`; the package knows the real release.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own field syntax, not a template.
    versionCommand: ['/usr/bin/dpkg-query', '--show', '--showformat=${Version}', 'kotlin'],
    requires: ['/usr/bin/kotlinc', '/usr/bin/java'],
    debianPackages: ['kotlin'],
    binds: JDK_BINDS,
    set: 'extended',
    // kotlinc's launcher passes -noverify, which JDK 17 warns about in every compile output.
    env: { JAVA_OPTS: `${JVM_OPTIONS_ENV} -XX:-PrintWarnings`, ...TMP_HOME },
    minimumLimits: JVM_MINIMUM_LIMITS,
  },
]
