#ifndef COOPREPORT_CZIPLEVEL_H
#define COOPREPORT_CZIPLEVEL_H

/// The deflate level libxlsxwriter's archive is written with (zlib's 0–9; -1 leaves
/// minizip's default). See zip_level.c.
void coopreport_set_zip_level(int level);

/// 1 when this process's wrapper of minizip's zipOpenNewFileInZip4_64 is the one
/// libxlsxwriter calls (the wrapper has run since the last reset), else 0.
int coopreport_zip_level_applied(void);
void coopreport_zip_level_reset(void);

#endif
