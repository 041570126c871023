// monaco-yaml's worker, re-exported from our own file so Vite bundles it as a worker (see monaco-yaml's FAQ).
import 'monaco-yaml/yaml.worker.js'
