// Keeps freed large blocks in the heap (see SmartSpecMain.main): glibc's mallopt is not visible to Swift.
#include "CKernels.h"
#if defined(__GLIBC__)
#include <malloc.h>
#endif

void smartspec_keep_freed_memory(void) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 512 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}
