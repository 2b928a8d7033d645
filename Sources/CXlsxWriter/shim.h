#ifndef COOPREPORT_CXLSXWRITER_SHIM_H
#define COOPREPORT_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
