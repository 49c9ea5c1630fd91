/* replay.c - run a fuzz target's inputs without libFuzzer, for `make check`
 * (after libgit2's fuzzers/standalone_driver.c).
 *
 *   replay [-n] [-t SECONDS] PATH...
 *
 * Every PATH that is a directory gives its files (in name order, hidden
 * files and README files skipped); every other PATH is one input. Each
 * input is passed to LLVMFuzzerTestOneInput in a child process, so one
 * crash does not hide the next: an input fails when its child dies of a
 * signal (an abort from a broken invariant, a segfault), exits non-zero
 * (a sanitizer report) or runs longer than -t SECONDS (default 60, 0 for
 * no limit). -n runs everything in this process instead, for a debugger.
 * The last line is "replay: N passed, N failed"; the exit status is 1 when
 * an input failed, 2 on a usage or reading error.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

static int no_fork;
static unsigned timeout = 60;
static unsigned passed, failed, trouble;

/* Read the file PATH into a malloc'd buffer of exactly its size (so an
 * overread shows under ASan, as with libFuzzer); 0 or -1. */
static int read_input(const char *path, uint8_t **out, size_t *size)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL, *grown;
    size_t len = 0, cap = 0, n;

    *out = NULL;
    if (!f)
        return -1;
    for (;;) {
        if (len == cap) {
            cap = cap ? cap * 2 : 4096;
            if (!(grown = realloc(buf, cap)))
                goto fail;
            buf = grown;
        }
        n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    if (ferror(f))
        goto fail;
    fclose(f);
    /* shrink to the exact size; an empty input still gets a valid pointer */
    if (!(grown = realloc(buf, len ? len : 1)))
        goto fail_closed;
    *out = grown;
    *size = len;
    return 0;
fail:
    fclose(f);
fail_closed:
    free(buf);
    return -1;
}

static void run_one(const char *path)
{
    uint8_t *data;
    size_t size;
    pid_t pid;
    int status;

    if (read_input(path, &data, &size) < 0) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        trouble++;
        return;
    }
    if (no_fork) {
        LLVMFuzzerTestOneInput(data, size);
        free(data);
        passed++;
        return;
    }
    fflush(NULL);
    pid = fork();
    if (pid < 0) {
        fprintf(stderr, "replay: fork: %s\n", strerror(errno));
        free(data);
        trouble++;
        return;
    }
    if (pid == 0) {
        alarm(timeout);
        LLVMFuzzerTestOneInput(data, size);
        free(data);
        /* exit, not _exit: a leak checker at exit sees this input's leaks */
        exit(0);
    }
    free(data);
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            fprintf(stderr, "replay: waitpid: %s\n", strerror(errno));
            trouble++;
            return;
        }
    }
    if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        if (sig == SIGALRM)
            printf("FAIL %s: still running after %u s\n", path, timeout);
        else
            printf("FAIL %s: killed by signal %d (%s)\n", path, sig, strsignal(sig));
        failed++;
    } else if (WEXITSTATUS(status) != 0) {
        printf("FAIL %s: exit status %d\n", path, WEXITSTATUS(status));
        failed++;
    } else {
        passed++;
    }
}

static int skipped(const char *name)
{
    return name[0] == '.' || strncmp(name, "README", 6) == 0;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char **names = NULL, **grown;
    size_t n = 0, cap = 0, i, len;

    if (!d) {
        fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
        trouble++;
        return;
    }
    while ((de = readdir(d))) {
        if (skipped(de->d_name))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            if (!(grown = realloc(names, cap * sizeof *names)))
                goto oom;
            names = grown;
        }
        len = strlen(dir) + strlen(de->d_name) + 2;
        if (!(names[n] = malloc(len)))
            goto oom;
        snprintf(names[n++], len, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
                 de->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, name_cmp);
    for (i = 0; i < n; i++) {
        struct stat st;
        if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode))
            run_one(names[i]);
        free(names[i]);
    }
    free(names);
    return;
oom:
    fprintf(stderr, "replay: out of memory\n");
    exit(2);
}

int main(int argc, char **argv)
{
    struct stat st;
    int opt, i;

    while ((opt = getopt(argc, argv, "nt:")) != -1) {
        switch (opt) {
        case 'n':
            no_fork = 1;
            break;
        case 't':
            timeout = (unsigned)strtoul(optarg, NULL, 10);
            break;
        default:
            fprintf(stderr, "usage: %s [-n] [-t SECONDS] FILE|DIR...\n", argv[0]);
            return 2;
        }
    }
    if (optind == argc) {
        fprintf(stderr, "usage: %s [-n] [-t SECONDS] FILE|DIR...\n", argv[0]);
        return 2;
    }
    /* once, before forking: the children share what it sets up */
    LLVMFuzzerInitialize(&argc, &argv);
    for (i = optind; i < argc; i++) {
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
            trouble++;
        } else if (S_ISDIR(st.st_mode)) {
            run_dir(argv[i]);
        } else {
            run_one(argv[i]);
        }
    }
    printf("replay: %u passed, %u failed\n", passed, failed);
    return failed ? 1 : trouble ? 2 : 0;
}
