#ifndef CGD_H
#define CGD_H
// libgd (Debian's libgd-dev), the one C library the platform links: it reads and writes the
// pictures people upload (organisations' logos, people's photos) for the Images library.
#include <gd.h>

// Sends libgd's warnings nowhere: a broken upload is reported to its sender, not to stderr.
void cgd_quiet(void);

#endif
