// libxlsxwriter 1.1.4 writes the .xlsx archive through minizip (Debian's libminizip.so.1)
// at zlib's default level (6) and offers no option to change it. At 1 M registrations the
// deflate of ~75 MB of sheet XML takes 0.63 s of the thread that closes the workbook;
// level 2 takes 0.18 s (level 1 as much, level 3 0.23 s) for an archive 24 % larger
// (5.5 → 6.9 MB; BENCHMARKS.md, docs/decisions.md).
//
// This file defines minizip's zipOpenNewFileInZip4_64 in the executable: the dynamic
// linker resolves libxlsxwriter's call to it here first (an executable's definition
// interposes a shared library's), and it forwards to minizip's own with the level chosen.
// Nothing else in the process writes zip archives through minizip.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdatomic.h>

#include "CZipLevel.h"

// minizip's prototype (minizip/zip.h, not installed with libxlsxwriter-dev): zipFile is a
// void *, zip_fileinfo a struct passed by pointer, uInt and uLong C's unsigned int and long.
typedef int (*zip_open_fn)(void *file, const char *filename, const void *zipfi, const void *extrafield_local,
                           unsigned int size_extrafield_local, const void *extrafield_global,
                           unsigned int size_extrafield_global, const char *comment, int method, int level,
                           int raw, int windowBits, int memLevel, int strategy, const char *password,
                           unsigned long crcForCrypting, unsigned long versionMadeBy, unsigned long flagBase,
                           int zip64);

static atomic_int chosen_level = -1;
static atomic_int applied = 0;

void coopreport_set_zip_level(int level) { atomic_store(&chosen_level, level); }
int coopreport_zip_level_applied(void) { return atomic_load(&applied); }
void coopreport_zip_level_reset(void) { atomic_store(&applied, 0); }

int zipOpenNewFileInZip4_64(void *file, const char *filename, const void *zipfi, const void *extrafield_local,
                            unsigned int size_extrafield_local, const void *extrafield_global,
                            unsigned int size_extrafield_global, const char *comment, int method, int level,
                            int raw, int windowBits, int memLevel, int strategy, const char *password,
                            unsigned long crcForCrypting, unsigned long versionMadeBy, unsigned long flagBase,
                            int zip64) {
    static _Atomic(zip_open_fn) real = NULL;
    zip_open_fn next = atomic_load(&real);
    if (next == NULL) {
        next = (zip_open_fn)dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
        if (next == NULL) return -104;  // ZIP_INTERNALERROR: libxlsxwriter reports the file as not written
        atomic_store(&real, next);
    }
    int wanted = atomic_load(&chosen_level);
    // Only deflated parts change level; a stored part (level 0 asked) stays stored.
    if (wanted >= 0 && method != 0 && level != 0) level = wanted;
    atomic_store(&applied, 1);
    return next(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                size_extrafield_global, comment, method, level, raw, windowBits, memLevel, strategy, password,
                crcForCrypting, versionMadeBy, flagBase, zip64);
}
