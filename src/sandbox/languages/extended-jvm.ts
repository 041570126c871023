/**
 * The extended languages that run on the JDK of the core set (Clojure, Scala, Groovy, Kotlin), installed by
 * `scripts/setup --all`. Plain data, like `core.ts`; JVM flags and limits come from `toolchains.ts`.
 *
 * Compilers and programs start as `java` with the toolchain's main class rather than through Debian's launcher
 * scripts: the scripts' shell would outlive a limit's signal and report it as an ordinary exit code, and they
 * would not take our JVM flags.
 */
import type { LanguageDefinition } from '../types.ts'
import { hostPathBinds, JDK_BINDS, JVM_FLAGS, JVM_MINIMUM_LIMITS, TMP_HOME } from './toolchains.ts'

const JAVA = '/usr/bin/java'
const SHARE = '/usr/share/java'

/**
 * Version of a JVM language from the versioned jar Debian links its library to (`clojure.jar` →
 * `clojure-1.11.1.jar`): the same answer as the launcher's `--version` without starting a JVM.
 */
const readJarVersion = (jar: string) => ['/usr/bin/readlink', '-f', `${SHARE}/${jar}`]

const SCALA_LIBRARY = `${SHARE}/scala-library.jar`
const SCALA_COMPILER = [`${SHARE}/scala-compiler.jar`, SCALA_LIBRARY, `${SHARE}/scala-reflect.jar`].join(':')
const GROOVY = `${SHARE}/groovy-all.jar`
const KOTLIN_HOME = '/usr/share/kotlin/kotlinc'

/** What every JVM language shares: the JDK's /etc configuration, a home in /tmp, the JVM's limits. */
const JVM_LANGUAGE = {
  set: 'extended',
  env: TMP_HOME,
  minimumLimits: JVM_MINIMUM_LIMITS,
} as const

export const jvmLanguages: LanguageDefinition[] = [
  {
    ...JVM_LANGUAGE,
    id: 'clojure',
    name: 'Clojure',
    aliases: ['clj'],
    sourceFile: 'main.clj',
    run: [JAVA, ...JVM_FLAGS, '-cp', `${SHARE}/clojure.jar`, 'clojure.main', 'main.clj'],
    judge0Ids: [86],
    versionCommand: readJarVersion('clojure.jar'),
    requires: [JAVA, `${SHARE}/clojure.jar`],
    debianPackages: ['clojure'],
    binds: JDK_BINDS,
  },
  {
    ...JVM_LANGUAGE,
    id: 'scala',
    name: 'Scala',
    sourceFile: 'Main.scala',
    compile: [
      JAVA,
      ...JVM_FLAGS,
      '-Dscala.usejavacp=true',
      '-cp',
      SCALA_COMPILER,
      'scala.tools.nsc.Main',
      '{compilerOptions}',
      'Main.scala',
    ],
    run: [JAVA, ...JVM_FLAGS, '-cp', `.:${SCALA_LIBRARY}`, 'Main'],
    judge0Ids: [81, 112],
    versionCommand: readJarVersion('scala-library.jar'),
    requires: [JAVA, `${SHARE}/scala-compiler.jar`, SCALA_LIBRARY, `${SHARE}/scala-reflect.jar`],
    debianPackages: ['scala'],
    binds: JDK_BINDS,
  },
  {
    ...JVM_LANGUAGE,
    id: 'groovy',
    name: 'Groovy',
    sourceFile: 'script.groovy',
    compile: [
      JAVA,
      ...JVM_FLAGS,
      '-cp',
      GROOVY,
      'org.codehaus.groovy.tools.FileSystemCompiler',
      '{compilerOptions}',
      'script.groovy',
    ],
    run: [JAVA, ...JVM_FLAGS, '-cp', `.:${GROOVY}`, 'script'],
    judge0Ids: [88],
    versionCommand: readJarVersion('groovy-all.jar'),
    requires: [JAVA, GROOVY],
    debianPackages: ['groovy'],
    binds: { ...JDK_BINDS, ...hostPathBinds('/etc/groovy') },
  },
  {
    ...JVM_LANGUAGE,
    id: 'kotlin',
    name: 'Kotlin',
    aliases: ['kt'],
    sourceFile: 'Main.kt',
    compile: [
      JAVA,
      ...JVM_FLAGS,
      `-Dkotlin.home=${KOTLIN_HOME}`,
      '-cp',
      `${KOTLIN_HOME}/lib/kotlin-preloader.jar`,
      'org.jetbrains.kotlin.preloading.Preloader',
      '-cp',
      `${KOTLIN_HOME}/lib/kotlin-compiler.jar`,
      'org.jetbrains.kotlin.cli.jvm.K2JVMCompiler',
      '-nowarn',
      '{compilerOptions}',
      'Main.kt',
      '-include-runtime',
      '-d',
      'main.jar',
    ],
    run: [JAVA, ...JVM_FLAGS, '-jar', 'main.jar'],
    judge0Ids: [78, 111],
    // `kotlinc -version` starts a JVM to print `1.3-SNAPSHOT`; the package knows the real release.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own field syntax, not a template.
    versionCommand: ['/usr/bin/dpkg-query', '--show', '--showformat=${Version}', 'kotlin'],
    requires: [JAVA, `${KOTLIN_HOME}/lib/kotlin-preloader.jar`, `${KOTLIN_HOME}/lib/kotlin-compiler.jar`],
    debianPackages: ['kotlin'],
    binds: JDK_BINDS,
  },
]
