// Reports which shared library supplies BLAS and LAPACK at run time (for `smartspec doctor`).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include "CLAPACK.h"

static const char *library_of(void *symbol) {
    Dl_info info;
    if (symbol == NULL || dladdr(symbol, &info) == 0) return NULL;
    return info.dli_fname;
}

const char *smartspec_blas_library_path(void) { return library_of((void *)&dgemm_); }

const char *smartspec_lapack_library_path(void) { return library_of((void *)&dsyevr_); }

const char *smartspec_openblas_config(void) {
    const char *(*config)(void) = (const char *(*)(void))dlsym(RTLD_DEFAULT, "openblas_get_config");
    return config ? config() : NULL;
}

int smartspec_openblas_threads(void) {
    int (*threads)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "openblas_get_num_threads");
    return threads ? threads() : -1;
}

int smartspec_openblas_set_threads(int threads) {
    int (*get)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "openblas_get_num_threads");
    void (*set)(int) = (void (*)(int))dlsym(RTLD_DEFAULT, "openblas_set_num_threads");
    if (get == NULL || set == NULL) return -1;
    int previous = get();
    set(threads);
    return previous;
}
