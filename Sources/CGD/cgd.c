#include "cgd.h"
#include <stdarg.h>

static void cgd_ignore(int priority, const char *format, va_list args) {
    (void)priority;
    (void)format;
    (void)args;
}

void cgd_quiet(void) { gdSetErrorMethod(cgd_ignore); }
