/* error.c - error codes, their descriptions and the per-thread last error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static _Thread_local cl_diag last_error;
static _Thread_local int has_error;
static _Thread_local char last_file[1024];
static _Thread_local char last_message[2048];

const char *cl_strerror(int code)
{
    switch (code) {
    case CL_OK: return "success";
    case CL_ENOMEM: return "out of memory";
    case CL_EIO: return "cannot read file";
    case CL_EPARSE: return "malformed file";
    case CL_ESCHEMA: return "invalid rule file";
    case CL_EUTF8: return "invalid UTF-8";
    case CL_EINVAL: return "invalid argument";
    case CL_EINPUT: return "input cannot be checked";
    default: return "unknown error";
    }
}

int cl_error_set(int code, const char *file, unsigned line, unsigned column,
                 const char *fmt, ...)
{
    char msg[sizeof last_message];
    va_list ap;

    /* format into a copy: an argument may be the previous message */
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    memcpy(last_message, msg, sizeof msg);
    if (file && file != last_file)
        snprintf(last_file, sizeof last_file, "%s", file);
    last_error.code = code;
    last_error.severity = CL_SEV_ERROR;
    last_error.file = file ? last_file : NULL;
    last_error.line = line;
    last_error.column = column;
    last_error.message = last_message;
    has_error = 1;
    return code;
}

void cl_error_clear(void)
{
    has_error = 0;
}

const cl_diag *cl_error_last(void)
{
    return has_error ? &last_error : NULL;
}

const char *cl_version(void)
{
    return PACKAGE_VERSION;
}

int cl_nomem(const char *file)
{
    return cl_error_set(CL_ENOMEM, file, 0, 0, "out of memory");
}
