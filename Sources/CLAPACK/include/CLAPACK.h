/*
 * CLAPACK.h — declarations of the Fortran BLAS and LAPACK routines SmartSpec calls.
 *
 * Conventions (gfortran ABI, LP64 as shipped by Debian's liblapack-dev / libopenblas0-pthread):
 *   - every argument is passed by pointer; inputs are declared const;
 *   - Fortran INTEGER is 32-bit (int32_t);
 *   - every CHARACTER argument has a hidden trailing length argument (size_t), in order.
 * No LAPACK code is vendored here: the symbols resolve against the system libraries.
 */
#ifndef SMARTSPEC_CLAPACK_H
#define SMARTSPEC_CLAPACK_H

#include <stddef.h>
#include <stdint.h>

/* ---- BLAS level 2/3 ---- */
void dgemm_(const char *transa, const char *transb,
            const int32_t *m, const int32_t *n, const int32_t *k,
            const double *alpha, const double *a, const int32_t *lda,
            const double *b, const int32_t *ldb,
            const double *beta, double *c, const int32_t *ldc,
            size_t transa_len, size_t transb_len);

void dgemv_(const char *trans, const int32_t *m, const int32_t *n,
            const double *alpha, const double *a, const int32_t *lda,
            const double *x, const int32_t *incx,
            const double *beta, double *y, const int32_t *incy,
            size_t trans_len);

void sgemm_(const char *transa, const char *transb,
            const int32_t *m, const int32_t *n, const int32_t *k,
            const float *alpha, const float *a, const int32_t *lda,
            const float *b, const int32_t *ldb,
            const float *beta, float *c, const int32_t *ldc,
            size_t transa_len, size_t transb_len);

void dsyrk_(const char *uplo, const char *trans, const int32_t *n, const int32_t *k,
            const double *alpha, const double *a, const int32_t *lda,
            const double *beta, double *c, const int32_t *ldc,
            size_t uplo_len, size_t trans_len);

/* ---- LAPACK ---- */
double dlamch_(const char *cmach, size_t cmach_len);

void dsyevr_(const char *jobz, const char *range, const char *uplo, const int32_t *n,
             double *a, const int32_t *lda, const double *vl, const double *vu,
             const int32_t *il, const int32_t *iu, const double *abstol, int32_t *m,
             double *w, double *z, const int32_t *ldz, int32_t *isuppz,
             double *work, const int32_t *lwork, int32_t *iwork, const int32_t *liwork,
             int32_t *info, size_t jobz_len, size_t range_len, size_t uplo_len);

void dgeev_(const char *jobvl, const char *jobvr, const int32_t *n, double *a, const int32_t *lda,
            double *wr, double *wi, double *vl, const int32_t *ldvl, double *vr, const int32_t *ldvr,
            double *work, const int32_t *lwork, int32_t *info,
            size_t jobvl_len, size_t jobvr_len);

void dgesdd_(const char *jobz, const int32_t *m, const int32_t *n, double *a, const int32_t *lda,
             double *s, double *u, const int32_t *ldu, double *vt, const int32_t *ldvt,
             double *work, const int32_t *lwork, int32_t *iwork, int32_t *info,
             size_t jobz_len);

void dpotrf_(const char *uplo, const int32_t *n, double *a, const int32_t *lda, int32_t *info,
             size_t uplo_len);

void dpotrs_(const char *uplo, const int32_t *n, const int32_t *nrhs, const double *a,
             const int32_t *lda, double *b, const int32_t *ldb, int32_t *info, size_t uplo_len);

void dpotri_(const char *uplo, const int32_t *n, double *a, const int32_t *lda, int32_t *info,
             size_t uplo_len);

void dtrtri_(const char *uplo, const char *diag, const int32_t *n, double *a, const int32_t *lda,
             int32_t *info, size_t uplo_len, size_t diag_len);

void dgelsd_(const int32_t *m, const int32_t *n, const int32_t *nrhs, double *a, const int32_t *lda,
             double *b, const int32_t *ldb, double *s, const double *rcond, int32_t *rank,
             double *work, const int32_t *lwork, int32_t *iwork, int32_t *info);

/* ---- Which BLAS is loaded (implemented in blas_probe.c with dladdr/dlsym) ---- */

/// Path of the shared object that provides `dgemm_`, or NULL when it cannot be found.
/// The returned string is owned by the dynamic loader; do not free it.
const char *smartspec_blas_library_path(void);

/// Path of the shared object that provides `dsyevr_`, or NULL.
const char *smartspec_lapack_library_path(void);

/// OpenBLAS's configuration string (openblas_get_config), or NULL when OpenBLAS is not loaded.
const char *smartspec_openblas_config(void);

/// OpenBLAS's thread count (openblas_get_num_threads), or -1 when OpenBLAS is not loaded.
int smartspec_openblas_threads(void);

/// Sets OpenBLAS's thread count (openblas_set_num_threads) and returns the previous count, or
/// returns -1 and does nothing when OpenBLAS is not loaded.
int smartspec_openblas_set_threads(int threads);

#endif
