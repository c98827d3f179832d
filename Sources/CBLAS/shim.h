// OpenBLAS's CBLAS interface plus the few LAPACK routines aelab calls (Fortran ABI).
#ifndef AELAB_CBLAS_SHIM_H
#define AELAB_CBLAS_SHIM_H
#include <cblas.h>

// Symmetric eigen-decomposition (divide and conquer), single precision. Column-major.
void ssyevd_(const char *jobz, const char *uplo, const int *n, float *a, const int *lda,
             float *w, float *work, const int *lwork, int *iwork, const int *liwork, int *info);
// Same in double precision: used by tests as an independent reference.
void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda,
             double *w, double *work, const int *lwork, int *iwork, const int *liwork, int *info);
#endif
