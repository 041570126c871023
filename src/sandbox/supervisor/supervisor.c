/*
 * verity-supervisor: the small helper around every sandboxed run (compiled by scripts/setup, or on first use).
 *
 *   verity-supervisor launch [--cgroup FILE]... [--user UID GID] -- bwrap ...
 *     Outside the sandbox: joins the run's cgroups (so bwrap and everything below it is accounted and limited
 *     from its first instruction), drops root to an unprivileged uid when started as root, then execs bwrap.
 *
 *   verity-supervisor run
 *     Inside the sandbox (as the sandbox user): waits on fd 3 for the request (files, env, phases with argv and
 *     rlimits), writes the input files with O_EXCL|O_NOFOLLOW, runs each phase with its rlimits (Node cannot
 *     setrlimit on a child), and reports exit status, rusage and output files as framed records on fd 4.
 *     Waiting on the pipe is what lets the host keep sandboxes pre-started.
 *
 * Records, both directions: 1 byte type, 4 bytes little-endian length, payload.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <ftw.h>
#include <grp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CONTROL_FD 3
#define REPORT_FD 4
#define MAX_RECORD (512u << 20)
#define MAX_ITEMS 4096

static void fail(const char *what) {
  dprintf(2, "verity-supervisor: %s: %s\n", what, strerror(errno));
  _exit(125);
}

static int launch(int argc, char **argv) {
  int i = 2;
  long uid = -1, gid = -1;
  for (; i < argc; i++) {
    if (!strcmp(argv[i], "--cgroup") && i + 1 < argc) {
      int fd = open(argv[++i], O_WRONLY | O_CLOEXEC);
      if (fd < 0 || write(fd, "0", 1) != 1) fail(argv[i]);
      close(fd);
    } else if (!strcmp(argv[i], "--user") && i + 2 < argc) {
      uid = atol(argv[++i]);
      gid = atol(argv[++i]);
    } else if (!strcmp(argv[i], "--")) {
      i++;
      break;
    } else {
      errno = EINVAL;
      fail(argv[i]);
    }
  }
  if (i >= argc) { errno = EINVAL; fail("missing command"); }
  if (uid >= 0) {
    if (setgroups(0, NULL) || setgid((gid_t)gid) || setuid((uid_t)uid)) fail("drop privileges");
  }
  /* After the uid change (which clears it): if the host dies, so does the sandbox. */
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() == 1) _exit(125);
  execvp(argv[i], argv + i);
  fail(argv[i]);
  return 125;
}

/* ---- run mode ---- */

struct phase {
  int present;
  char *argv[MAX_ITEMS + 1];
  int argc;
  struct { int resource; rlim_t value; } limits[16];
  int limit_count;
};

static char *env[MAX_ITEMS + 1];
static int env_count;
static char *globs[64];
static int glob_count;
static uint64_t file_cap, total_cap, file_count_cap;
static uint64_t total_sent, files_sent;
static struct phase phases[2]; /* 0 compile, 1 run */

static void read_exact(void *buffer, size_t length) {
  char *p = buffer;
  while (length > 0) {
    ssize_t n = read(CONTROL_FD, p, length);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) _exit(124); /* host went away before sending the request: nothing to do */
    p += n;
    length -= (size_t)n;
  }
}

static void write_all(const void *buffer, size_t length) {
  const char *p = buffer;
  while (length > 0) {
    ssize_t n = write(REPORT_FD, p, length);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) _exit(124);
    p += n;
    length -= (size_t)n;
  }
}

static void report(char type, const void *payload, uint32_t length) {
  unsigned char header[5] = {(unsigned char)type, length & 255, (length >> 8) & 255, (length >> 16) & 255, length >> 24};
  write_all(header, 5);
  write_all(payload, length);
}

static void reportf(char type, const char *format, ...) __attribute__((format(printf, 2, 3)));
static void reportf(char type, const char *format, ...) {
  char text[512];
  va_list args;
  va_start(args, format);
  int n = vsnprintf(text, sizeof text, format, args);
  va_end(args);
  report(type, text, (uint32_t)(n < (int)sizeof text ? n : (int)sizeof text - 1));
}

/* Names were validated by the host; nothing has run yet, but never follow links anyway. */
static void place_file(char *payload, uint32_t length) {
  if (length < 5) { errno = EINVAL; fail("file record"); }
  uint32_t mode = (uint8_t)payload[0] | (uint8_t)payload[1] << 8 | (uint8_t)payload[2] << 16 | (uint32_t)(uint8_t)payload[3] << 24;
  char *name = payload + 4;
  size_t name_length = strnlen(name, length - 4);
  if (name_length == length - 4) { errno = EINVAL; fail("file name"); }
  for (char *slash = strchr(name, '/'); slash; slash = strchr(slash + 1, '/')) {
    *slash = 0;
    if (mkdir(name, 0755) && errno != EEXIST) fail(name);
    struct stat st;
    if (lstat(name, &st) || !S_ISDIR(st.st_mode)) { errno = ENOTDIR; fail(name); }
    *slash = '/';
  }
  int fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode & 0777);
  if (fd < 0) fail(name);
  char *content = name + name_length + 1;
  size_t remaining = length - 4 - name_length - 1;
  while (remaining > 0) {
    ssize_t n = write(fd, content, remaining);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail(name);
    content += n;
    remaining -= (size_t)n;
  }
  close(fd);
}

static uint64_t u64(const char *p) {
  uint64_t value = 0;
  for (int i = 7; i >= 0; i--) value = value << 8 | (uint8_t)p[i];
  return value;
}

static void read_request(void) {
  struct phase *current = NULL;
  for (;;) {
    unsigned char header[5];
    read_exact(header, 5);
    uint32_t length = header[1] | header[2] << 8 | header[3] << 16 | (uint32_t)header[4] << 24;
    if (length > MAX_RECORD) { errno = E2BIG; fail("record"); }
    char *payload = malloc(length + 1);
    if (!payload) fail("malloc");
    read_exact(payload, length);
    payload[length] = 0;
    switch (header[0]) {
      case 'F': place_file(payload, length); free(payload); break;
      case 'E': if (env_count < MAX_ITEMS) env[env_count++] = payload; break;
      case 'O': if (glob_count < 64) globs[glob_count++] = payload; break;
      case 'C':
        if (length != 24) { errno = EINVAL; fail("caps"); }
        file_cap = u64(payload); total_cap = u64(payload + 8); file_count_cap = u64(payload + 16);
        free(payload);
        break;
      case 'P': current = &phases[payload[0] == 'c' ? 0 : 1]; current->present = 1; free(payload); break;
      case 'A': if (current && current->argc < MAX_ITEMS) current->argv[current->argc++] = payload; break;
      case 'L':
        if (current && length == 12 && current->limit_count < 16) {
          current->limits[current->limit_count].resource = (int)(uint8_t)payload[0];
          current->limits[current->limit_count++].value = (rlim_t)u64(payload + 4);
        }
        free(payload);
        break;
      case 'G': free(payload); return;
      default: errno = EINVAL; fail("record type");
    }
  }
}

/* Compiler output goes through a pipe so it stays apart from the program's stdout; capped, the rest drained. */
static void forward_compile_output(int fd) {
  char buffer[65536];
  uint64_t sent = 0;
  for (;;) {
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (sent < file_cap) {
      uint64_t take = (uint64_t)n < file_cap - sent ? (uint64_t)n : file_cap - sent;
      report('o', buffer, (uint32_t)take);
      sent += take;
    }
  }
  close(fd);
}

static void run_phase(int index) {
  struct phase *p = &phases[index];
  int exec_error[2], output[2] = {-1, -1};
  if (pipe2(exec_error, O_CLOEXEC)) fail("pipe");
  if (index == 0 && pipe2(output, O_CLOEXEC)) fail("pipe");
  if (index == 1) {
    report('s', "", 0);
    /* After a compile step the host swaps the cgroup limits to the run's; wait until it has. */
    if (phases[0].present) { char ack; read_exact(&ack, 1); }
  }
  /* Wall time is measured here, around the program alone: the host's clock would add its own event-loop delays. */
  struct timespec started, ended;
  clock_gettime(CLOCK_MONOTONIC, &started);
  pid_t child = fork();
  if (child < 0) fail("fork");
  if (child == 0) {
    if (index == 0) {
      int null = open("/dev/null", O_RDONLY);
      dup2(null, 0);
      dup2(output[1], 1);
      dup2(output[1], 2);
    }
    for (int i = 0; i < p->limit_count; i++) {
      struct rlimit limit = {p->limits[i].value, p->limits[i].value};
      /* CPU: SIGXCPU at the soft limit (so the status says why), SIGKILL a second later. */
      if (p->limits[i].resource == RLIMIT_CPU) limit.rlim_max = limit.rlim_cur + 1;
      if (setrlimit(p->limits[i].resource, &limit)) _exit(126);
    }
    p->argv[p->argc] = NULL;
    env[env_count] = NULL;
    signal(SIGPIPE, SIG_DFL);
    /* A path is exec'd as is: execvpe would retry an ENOEXEC file with /bin/sh, hiding an Exec Format Error. */
    if (strchr(p->argv[0], '/')) execve(p->argv[0], p->argv, env);
    else execvpe(p->argv[0], p->argv, env);
    int error = errno;
    (void)!write(exec_error[1], &error, sizeof error);
    _exit(127);
  }
  close(exec_error[1]);
  if (index == 0) {
    close(output[1]);
    forward_compile_output(output[0]);
  }
  int error = 0;
  ssize_t got = read(exec_error[0], &error, sizeof error);
  close(exec_error[0]);
  int status;
  struct rusage usage;
  while (wait4(child, &status, 0, &usage) < 0 && errno == EINTR) {}
  clock_gettime(CLOCK_MONOTONIC, &ended);
  long long wall = (long long)(ended.tv_sec - started.tv_sec) * 1000000 + (ended.tv_nsec - started.tv_nsec) / 1000;
  char phase_letter = index == 0 ? 'c' : 'r';
  if (got == sizeof error) {
    reportf(phase_letter, "exec-error %d 0 0 0 %lld", error, wall);
    report('d', "", 0);
    _exit(0);
  }
  long long user = (long long)usage.ru_utime.tv_sec * 1000000 + usage.ru_utime.tv_usec;
  long long system = (long long)usage.ru_stime.tv_sec * 1000000 + usage.ru_stime.tv_usec;
  if (WIFSIGNALED(status))
    reportf(phase_letter, "signal %d %lld %lld %ld %lld", WTERMSIG(status), user, system, usage.ru_maxrss, wall);
  else
    reportf(phase_letter, "exit %d %lld %lld %ld %lld", WEXITSTATUS(status), user, system, usage.ru_maxrss, wall);
  if (index == 0 && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
    report('d', "", 0);
    _exit(0);
  }
}

static int send_output_file(const char *path, const struct stat *st, int type, struct FTW *where) {
  (void)st;
  (void)where;
  if (type != FTW_F) return 0;
  const char *relative = path + 2; /* skip "./" */
  int matched = 0;
  for (int i = 0; i < glob_count && !matched; i++) matched = fnmatch(globs[i], relative, 0) == 0;
  if (!matched) return 0;
  if (files_sent >= file_count_cap || total_sent >= total_cap) return 1;
  int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  struct stat info;
  if (fd < 0) return 0;
  if (fstat(fd, &info) || !S_ISREG(info.st_mode)) { close(fd); return 0; }
  uint64_t cap = file_cap < total_cap - total_sent ? file_cap : total_cap - total_sent;
  size_t name_length = strlen(relative);
  char *record = malloc(name_length + 2 + cap);
  if (!record) fail("malloc");
  memcpy(record, relative, name_length + 1);
  size_t have = 0;
  for (;;) {
    ssize_t n = read(fd, record + name_length + 2 + have, cap - have);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    have += (size_t)n;
    if (have == cap) break;
  }
  char probe;
  record[name_length + 1] = have == cap && read(fd, &probe, 1) == 1 ? 1 : 0; /* truncated flag */
  close(fd);
  report('f', record, (uint32_t)(name_length + 2 + have));
  free(record);
  total_sent += have;
  files_sent++;
  return 0;
}

static int run(void) {
  /* Not dumpable: the program (same uid) cannot open /proc/<supervisor>/fd/* to forge reports or read requests. */
  prctl(PR_SET_DUMPABLE, 0);
  fcntl(CONTROL_FD, F_SETFD, FD_CLOEXEC);
  fcntl(REPORT_FD, F_SETFD, FD_CLOEXEC);
  signal(SIGPIPE, SIG_IGN);
  read_request();
  if (phases[0].present && phases[0].argc > 0) run_phase(0);
  if (phases[1].argc == 0) { errno = EINVAL; fail("no run argv"); }
  run_phase(1);
  if (glob_count > 0) nftw(".", send_output_file, 16, FTW_PHYS);
  report('d', "", 0);
  return 0;
}

int main(int argc, char **argv) {
  if (argc >= 2 && !strcmp(argv[1], "launch")) return launch(argc, argv);
  if (argc >= 2 && !strcmp(argv[1], "run")) return run();
  dprintf(2, "usage: verity-supervisor launch [--cgroup FILE]... [--user UID GID] -- COMMAND... | run\n");
  return 2;
}
